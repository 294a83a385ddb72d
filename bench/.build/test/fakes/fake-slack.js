import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
export class FakeSlack {
    team = { id: 'T0MULL', name: 'Acme', domain: 'acme' };
    bot = { userId: 'UMULLBOT', botId: 'BMULL' };
    botToken = 'xoxb-fake-bot-token';
    appToken = 'xapp-fake-app-token';
    channels = new Map();
    messages = new Map();
    users = new Map();
    calls = [];
    responses = [];
    acks = [];
    url = '';
    #server;
    #wss;
    #sockets = new Set();
    #faults = [];
    #tsCounter = 0;
    constructor() {
        this.#server = createServer((req, res) => void this.#handle(req, res));
        this.#wss = new WebSocketServer({ server: this.#server, path: '/link' });
        this.#wss.on('connection', (socket) => {
            this.#sockets.add(socket);
            socket.on('close', () => this.#sockets.delete(socket));
            socket.on('message', (data) => this.acks.push(JSON.parse(String(data))));
            socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AMULL' }, debug_info: {} }));
        });
    }
    static async start() {
        const fake = new FakeSlack();
        await new Promise((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
        fake.url = `http://127.0.0.1:${fake.#server.address().port}`;
        return fake;
    }
    get apiUrl() {
        return `${this.url}/api/`;
    }
    responseUrl(id) {
        return `${this.url}/response/${id}`;
    }
    addChannel(channel) {
        this.channels.set(channel.id, channel);
        return this;
    }
    addUser(id, name, isBot = false) {
        this.users.set(id, { id, name, is_bot: isBot });
        return this;
    }
    addMessage(channel, message) {
        const list = this.messages.get(channel) ?? [];
        list.push(message);
        this.messages.set(channel, list);
        return this;
    }
    fail(method, fault) {
        this.#faults.push({ times: 1, ...fault, method });
        return this;
    }
    callsTo(method) {
        return this.calls.filter((call) => call.method === method);
    }
    /** chat.postMessage params, optionally for one channel. */
    posted(channel) {
        return this.callsTo('chat.postMessage')
            .map((call) => call.params)
            .filter((params) => channel === undefined || params.channel === channel);
    }
    async waitFor(probe, timeoutMs = 5_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const value = probe();
            if (value)
                return value;
            if (Date.now() > deadline)
                throw new Error('FakeSlack.waitFor: timed out');
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
    }
    /** Sends a Socket Mode envelope to every connected client and resolves with its ack. */
    async sendEnvelope(type, payload, options = {}) {
        await this.waitFor(() => this.#sockets.size > 0);
        const envelopeId = options.envelopeId ?? randomUUID();
        const envelope = {
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' } : {}),
        };
        for (const socket of this.#sockets)
            socket.send(JSON.stringify(envelope));
        return this.waitFor(() => this.acks.find((ack) => ack.envelope_id === envelopeId));
    }
    async close() {
        for (const socket of this.#sockets)
            socket.terminate();
        await new Promise((resolve) => this.#wss.close(() => resolve()));
        this.#server.closeAllConnections();
        await new Promise((resolve) => this.#server.close(() => resolve()));
    }
    nextTs() {
        this.#tsCounter += 1;
        return `${Math.floor(Date.now() / 1000)}.${String(this.#tsCounter).padStart(6, '0')}`;
    }
    async #handle(req, res) {
        const chunks = [];
        for await (const chunk of req)
            chunks.push(chunk);
        const raw = Buffer.concat(chunks).toString();
        const send = (status, body, headers = {}) => {
            res.writeHead(status, { 'content-type': 'application/json', ...headers });
            res.end(JSON.stringify(body));
        };
        const path = new URL(req.url ?? '/', this.url).pathname;
        if (path.startsWith('/response/')) {
            this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw || '{}'), at: Date.now() });
            return send(200, { ok: true });
        }
        if (!path.startsWith('/api/'))
            return send(404, { ok: false, error: 'not_found' });
        const method = path.slice('/api/'.length);
        const params = parseParams(raw, req.headers['content-type']);
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        this.calls.push({ method, params, token, at: Date.now() });
        const fault = this.#faults.find((f) => f.method === method && (f.times ?? 1) > 0 && (!f.when || f.when(params)));
        if (fault) {
            fault.times = (fault.times ?? 1) - 1;
            if (fault.status === 429)
                return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter ?? 1) });
            if (fault.status)
                return send(fault.status, { ok: false, error: 'server_error' });
            return send(200, { ok: false, error: fault.error ?? 'internal_error' });
        }
        const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
        if (token !== expected)
            return send(200, { ok: false, error: 'invalid_auth' });
        const handler = this.#methods[method];
        if (!handler)
            return send(200, { ok: false, error: 'unknown_method' });
        send(200, { ok: true, ...handler(params) });
    }
    #conversation(c) {
        return { id: c.id, name: c.name, is_private: Boolean(c.is_private), is_im: Boolean(c.is_im), is_mpim: Boolean(c.is_mpim), user: c.user };
    }
    #page(items, params) {
        const offset = params.cursor ? Number(Buffer.from(String(params.cursor), 'base64').toString().slice('offset:'.length)) : 0;
        const limit = Number(params.limit ?? 100);
        const next = offset + limit;
        const more = next < items.length;
        return {
            items: items.slice(offset, next),
            has_more: more,
            response_metadata: { next_cursor: more ? Buffer.from(`offset:${next}`).toString('base64') : '' },
        };
    }
    #methods = {
        'auth.test': () => ({
            url: `https://${this.team.domain}.slack.com/`,
            team: this.team.name,
            team_id: this.team.id,
            user: 'mull',
            user_id: this.bot.userId,
            bot_id: this.bot.botId,
        }),
        'apps.connections.open': () => ({ url: `${this.url.replace('http', 'ws')}/link` }),
        'conversations.info': (p) => {
            const channel = this.channels.get(String(p.channel));
            return channel ? { channel: this.#conversation(channel) } : { ok: false, error: 'channel_not_found' };
        },
        'users.conversations': (p) => {
            const member = String(p.user ?? this.bot.userId);
            const types = String(p.types ?? 'public_channel').split(',');
            const kind = (c) => (c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel');
            const list = [...this.channels.values()].filter((c) => c.members.includes(member) && types.includes(kind(c)));
            const { items, ...rest } = this.#page(list.map((c) => this.#conversation(c)), p);
            return { channels: items, ...rest };
        },
        'conversations.history': (p) => {
            const oldest = p.oldest ? parseFloat(String(p.oldest)) : -Infinity;
            const top = (this.messages.get(String(p.channel)) ?? [])
                .filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && parseFloat(m.ts) > oldest)
                .sort((a, b) => parseFloat(b.ts) - parseFloat(a.ts));
            const { items, ...rest } = this.#page(top, p);
            return { messages: items, ...rest };
        },
        'conversations.replies': (p) => {
            const thread = (this.messages.get(String(p.channel)) ?? [])
                .filter((m) => m.ts === p.ts || m.thread_ts === p.ts)
                .sort((a, b) => parseFloat(a.ts) - parseFloat(b.ts));
            const { items, ...rest } = this.#page(thread, p);
            return { messages: items, ...rest };
        },
        'users.info': (p) => {
            const user = this.users.get(String(p.user));
            return user ? { user: { ...user, real_name: user.name, profile: { display_name: user.name } } } : { ok: false, error: 'user_not_found' };
        },
        'chat.postMessage': (p) => {
            const ts = this.nextTs();
            const message = { ts, text: String(p.text ?? ''), user: this.bot.userId, bot_id: this.bot.botId, thread_ts: p.thread_ts };
            this.addMessage(String(p.channel), message);
            return { channel: p.channel, ts, message };
        },
        'chat.update': (p) => {
            const message = (this.messages.get(String(p.channel)) ?? []).find((m) => m.ts === p.ts);
            if (!message)
                return { ok: false, error: 'message_not_found' };
            message.text = String(p.text ?? '');
            return { channel: p.channel, ts: p.ts, text: message.text };
        },
        'reactions.add': () => ({}),
        'reactions.remove': () => ({}),
    };
}
/** The WebClient posts form-encoded params, with arrays and objects (blocks) as JSON strings. */
function parseParams(raw, contentType) {
    if (!raw)
        return {};
    if (contentType?.includes('application/json'))
        return JSON.parse(raw);
    const params = {};
    for (const [key, value] of new URLSearchParams(raw)) {
        params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
    }
    return params;
}
function tryJson(value) {
    try {
        return JSON.parse(value);
    }
    catch {
        return value;
    }
}

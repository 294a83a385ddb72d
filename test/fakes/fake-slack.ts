import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * An in-process Slack on 127.0.0.1: the Web API (`POST /api/<method>`, form-encoded or JSON, bearer
 * token), `response_url`s (`POST /response/<id>`), and the Socket Mode WebSocket (`/link`) that
 * `apps.connections.open` points at. It keeps conversations and messages, answers with real-shaped
 * payloads, records every call, and injects faults (429 + Retry-After, errors) on request.
 * Tests assert on what it recorded, never on mocks of the SDK.
 */
export interface FakeChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  /** DM partner. */
  user?: string;
  members: string[];
  /** Who created the channel (conversations.info `creator`). */
  creator?: string;
}

export interface FakeUser {
  id: string;
  name: string;
  is_bot?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
}

/** A message streamed with chat.startStream / appendStream / stopStream. */
export interface FakeStream {
  channel: string;
  ts: string;
  thread_ts?: string;
  /** The markdown_text chunks in the order they arrived. */
  chunks: string[];
  stopped: boolean;
  /** Blocks given to chat.stopStream. */
  blocks?: unknown[];
}

export interface FakeMessage {
  ts: string;
  text: string;
  user?: string;
  bot_id?: string;
  subtype?: string;
  thread_ts?: string;
  reply_count?: number;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  token?: string;
  /** @unit epoch milliseconds */
  at: number;
}

export interface Fault {
  /** 429 (with `retryAfter` seconds) or another HTTP status; omit for an `ok: false` reply. */
  status?: number;
  retryAfter?: number;
  /** The `error` of an `ok: false` reply. */
  error?: string;
  /** Only calls whose params match. */
  when?: (params: Record<string, unknown>) => boolean;
  /** How many matching calls fail. Defaults to 1. */
  times?: number;
}

type Handler = (params: Record<string, unknown>) => Record<string, unknown>;

export class FakeSlack {
  readonly team = { id: 'T0MULL', name: 'Acme', domain: 'acme' };
  readonly bot = { userId: 'UMULLBOT', botId: 'BMULL' };
  readonly botToken = 'xoxb-fake-bot-token';
  readonly appToken = 'xapp-fake-app-token';
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage[]>();
  readonly users = new Map<string, FakeUser>();
  readonly streams = new Map<string, FakeStream>();
  /** Views published per user (App Home), the newest last. */
  readonly homeViews = new Map<string, Array<Record<string, unknown>>>();
  readonly calls: RecordedCall[] = [];
  readonly responses: Array<{ id: string; body: Record<string, unknown>; at: number }> = [];
  readonly acks: Array<{ envelope_id: string; payload?: Record<string, unknown> }> = [];
  url = '';
  #server: Server;
  #wss: WebSocketServer;
  #sockets = new Set<WebSocket>();
  #faults: Array<Fault & { method: string }> = [];
  #tsCounter = 0;

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#wss = new WebSocketServer({ server: this.#server, path: '/link' });
    this.#wss.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('message', (data) => this.acks.push(JSON.parse(String(data))));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AMULL' }, debug_info: {} }));
    });
  }

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  addChannel(channel: FakeChannel): this {
    this.channels.set(channel.id, channel);
    return this;
  }

  addUser(id: string, name: string, isBot = false, roles: Pick<FakeUser, 'is_admin' | 'is_owner'> = {}): this {
    this.users.set(id, { id, name, is_bot: isBot, ...roles });
    return this;
  }

  addMessage(channel: string, message: FakeMessage): this {
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    return this;
  }

  fail(method: string, fault: Fault): this {
    this.#faults.push({ times: 1, ...fault, method });
    return this;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** chat.postMessage params, optionally for one channel. */
  posted(channel?: string): Array<Record<string, unknown>> {
    return this.callsTo('chat.postMessage')
      .map((call) => call.params)
      .filter((params) => channel === undefined || params.channel === channel);
  }

  /**
   * Every message the bot finished in a channel, however it was sent: posted whole
   * (chat.postMessage) or streamed and stopped (chat.startStream … stopStream).
   */
  finished(channel: string): Array<{ thread_ts?: string; text: string }> {
    const posted = this.posted(channel).map((p) => ({ thread_ts: p.thread_ts as string | undefined, text: String(p.text ?? '') }));
    const streamed = [...this.streams.values()]
      .filter((stream) => stream.channel === channel && stream.stopped)
      .map((stream) => ({ thread_ts: stream.thread_ts, text: stream.chunks.join('') }));
    return [...posted, ...streamed];
  }

  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('FakeSlack.waitFor: timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends a Socket Mode envelope to every connected client and resolves with its ack. */
  async sendEnvelope(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    options: { retryAttempt?: number; envelopeId?: string } = {},
  ): Promise<{ envelope_id: string; payload?: Record<string, unknown> }> {
    await this.waitFor(() => this.#sockets.size > 0);
    const envelopeId = options.envelopeId ?? randomUUID();
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' } : {}),
    };
    for (const socket of this.#sockets) socket.send(JSON.stringify(envelope));
    return this.waitFor(() => this.acks.find((ack) => ack.envelope_id === envelopeId));
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  nextTs(): string {
    this.#tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#tsCounter).padStart(6, '0')}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (path.startsWith('/response/')) {
      this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw || '{}'), at: Date.now() });
      return send(200, { ok: true });
    }
    if (!path.startsWith('/api/')) return send(404, { ok: false, error: 'not_found' });
    const method = path.slice('/api/'.length);
    const params = parseParams(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    this.calls.push({ method, params, token, at: Date.now() });
    const fault = this.#faults.find((f) => f.method === method && (f.times ?? 1) > 0 && (!f.when || f.when(params)));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.status === 429) return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter ?? 1) });
      if (fault.status) return send(fault.status, { ok: false, error: 'server_error' });
      return send(200, { ok: false, error: fault.error ?? 'internal_error' });
    }
    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    if (token !== expected) return send(200, { ok: false, error: 'invalid_auth' });
    const handler = this.#methods[method];
    if (!handler) return send(200, { ok: false, error: 'unknown_method' });
    send(200, { ok: true, ...handler(params) });
  }

  #conversation(c: FakeChannel): Record<string, unknown> {
    return {
      id: c.id, name: c.name, is_private: Boolean(c.is_private), is_im: Boolean(c.is_im), is_mpim: Boolean(c.is_mpim), user: c.user,
      ...(c.creator ? { creator: c.creator } : {}),
    };
  }

  #page<T>(items: T[], params: Record<string, unknown>): { items: T[]; has_more: boolean; response_metadata: { next_cursor: string } } {
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

  #methods: Record<string, Handler> = {
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
      const kind = (c: FakeChannel) => (c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel');
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
      const message = { ts, text: String(p.text ?? ''), user: this.bot.userId, bot_id: this.bot.botId, thread_ts: p.thread_ts as string | undefined };
      this.addMessage(String(p.channel), message);
      return { channel: p.channel, ts, message };
    },
    'chat.update': (p) => {
      const message = (this.messages.get(String(p.channel)) ?? []).find((m) => m.ts === p.ts);
      if (!message) return { ok: false, error: 'message_not_found' };
      message.text = String(p.text ?? '');
      return { channel: p.channel, ts: p.ts, text: message.text };
    },
    'chat.postEphemeral': () => ({ message_ts: this.nextTs() }),
    // Native streaming: what the Web API client's chatStream() helper calls.
    // @see https://docs.slack.dev/reference/methods/chat.startStream
    'chat.startStream': (p) => {
      if (!p.thread_ts) return { ok: false, error: 'invalid_arguments' };
      const ts = this.nextTs();
      this.streams.set(ts, { channel: String(p.channel), ts, thread_ts: String(p.thread_ts), chunks: markdownChunks(p), stopped: false });
      this.addMessage(String(p.channel), { ts, text: markdownChunks(p).join(''), user: this.bot.userId, bot_id: this.bot.botId, thread_ts: String(p.thread_ts) });
      return { channel: p.channel, ts };
    },
    'chat.appendStream': (p) => {
      const stream = this.streams.get(String(p.ts));
      if (!stream || stream.stopped) return { ok: false, error: 'message_not_in_streaming_state' };
      stream.chunks.push(...markdownChunks(p));
      return { channel: p.channel, ts: p.ts };
    },
    'chat.stopStream': (p) => {
      const stream = this.streams.get(String(p.ts));
      if (!stream || stream.stopped) return { ok: false, error: 'message_not_in_streaming_state' };
      stream.chunks.push(...markdownChunks(p));
      stream.stopped = true;
      stream.blocks = p.blocks as unknown[] | undefined;
      const message = (this.messages.get(stream.channel) ?? []).find((m) => m.ts === stream.ts);
      if (message) message.text = stream.chunks.join('');
      return { channel: p.channel, ts: p.ts, message: { ts: p.ts, text: stream.chunks.join('') } };
    },
    'assistant.threads.setStatus': () => ({}),
    'assistant.threads.setSuggestedPrompts': () => ({}),
    'assistant.threads.setTitle': () => ({}),
    'views.publish': (p) => {
      const list = this.homeViews.get(String(p.user_id)) ?? [];
      list.push(p.view as Record<string, unknown>);
      this.homeViews.set(String(p.user_id), list);
      return { view: { id: `V${list.length}`, ...(p.view as object) } };
    },
    'views.open': (p) => ({ view: { id: 'VMODAL', ...(p.view as object) } }),
    'reactions.add': () => ({}),
    'reactions.remove': () => ({}),
  };
}

/** The markdown_text of a streaming call, given directly or as `chunks` of type markdown_text. */
function markdownChunks(p: Record<string, unknown>): string[] {
  const chunks = Array.isArray(p.chunks) ? (p.chunks as Array<{ type?: string; text?: string }>) : [];
  const texts = chunks.filter((c) => c.type === 'markdown_text').map((c) => String(c.text ?? ''));
  return p.markdown_text ? [String(p.markdown_text), ...texts] : texts;
}

/** The WebClient posts form-encoded params, with arrays and objects (blocks) as JSON strings. */
function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return params;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

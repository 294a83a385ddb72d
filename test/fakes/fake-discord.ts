import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * An in-process Discord on 127.0.0.1: the REST API (`/api/v10/...`) and, on the same port, the
 * gateway WebSocket (plain JSON, no compression). The gateway does HELLO, heartbeat ACKs,
 * IDENTIFY → READY → GUILD_CREATE, RESUME (replaying what the client missed), and dispatches what
 * a test asks for; like the real one it also dispatches MESSAGE_CREATE for the bot's own posts.
 * REST keeps channel histories, guild members, and records every request. Tests assert on what it
 * recorded; the real discord.js talks to it.
 */
export type Json = Record<string, any>;

export interface FakeGuild {
  id: string;
  name: string;
  owner_id: string;
  roles: Json[];
  channels: Json[];
  threads?: Json[];
  /** Members included in GUILD_CREATE (without the GuildMembers intent: the bot itself). */
  members: Json[];
}

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: Record<string, string>;
  body: any;
  /** @unit epoch milliseconds */
  at: number;
}

interface LoggedEvent {
  s: number;
  t: string;
  d: Json;
}

/** One shard's gateway session: its socket, its sequence and what it was sent (for RESUME). */
interface ShardSession {
  socket?: WebSocket;
  log: LoggedEvent[];
  seq: number;
  sessionId: string;
  live: boolean;
}

const API = '/api/v10';
const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

/** A snowflake for a moment (default: now), unique within this process. */
export function snowflake(ms: number = Date.now()): string {
  counter = (counter + 1n) & 0xfffn;
  return (((BigInt(ms) - DISCORD_EPOCH) << 22n) | counter).toString();
}

export class FakeDiscord {
  readonly token = 'fake-bot-token';
  readonly applicationId = snowflake();
  readonly bot = { id: this.applicationId, username: 'Mull', discriminator: '0', global_name: 'Mull', avatar: null, bot: true };
  readonly guilds: FakeGuild[] = [];
  /** Guild members by `${guild}:${user}`, served by GET /guilds/:id/members/:user; absent → 404. */
  readonly members = new Map<string, Json>();
  /** Channel histories, any order; GET /channels/:id/messages pages through them. */
  readonly history = new Map<string, Json[]>();
  readonly requests: RecordedRequest[] = [];
  readonly identifies: Json[] = [];
  readonly resumes: Json[] = [];
  /** Answer IDENTIFY by closing with this code (e.g. 4014) instead of READY. */
  refuseIdentifyWith?: number;
  /** Replay this many already-delivered events on RESUME too (Discord delivers at least once). */
  resumeOverlap = 0;
  /** What `GET /gateway/bot` recommends as the shard count (`DISCORD_SHARDS=auto` uses it). */
  recommendedShards = 1;
  url = '';
  apiUrl = '';
  #server: Server;
  #wss: WebSocketServer;
  /**
   * Sessions by shard id. Like Discord, a guild's events go to shard (guild_id >> 22) % count and
   * DMs to shard 0, where count is the one the shards IDENTIFYed with (1 until then).
   */
  #shards = new Map<number, ShardSession>();
  #shardCount = 1;
  /** Interaction token → channel id, so webhook edits can answer with a real-shaped message. */
  #interactionChannels = new Map<string, string>();

  /** DM channel ids by recipient user id (POST /users/@me/channels). */
  readonly dmChannels = new Map<string, string>();

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#wss = new WebSocketServer({ server: this.#server });
    this.#wss.on('connection', (socket) => this.#connect(socket));
  }

  static async start(guilds: FakeGuild[] = []): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    fake.guilds.push(...guilds);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    fake.apiUrl = `${fake.url}/api`;
    return fake;
  }

  async stop(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Sends a dispatch now, or on RESUME if the client is disconnected. */
  dispatch(t: string, d: Json): void {
    const guildId = d.guild_id ?? (t === 'GUILD_CREATE' ? d.id : undefined);
    this.#dispatchTo(this.shardOf(guildId), t, d);
  }

  /** The shard a guild's events go to; DMs (no guild) go to shard 0. */
  shardOf(guildId: string | undefined): number {
    return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(this.#shardCount)) : 0;
  }

  #session(shard: number): ShardSession {
    let session = this.#shards.get(shard);
    if (!session) this.#shards.set(shard, (session = { log: [], seq: 0, sessionId: '', live: false }));
    return session;
  }

  #dispatchTo(shard: number, t: string, d: Json): void {
    const session = this.#session(shard);
    const event = { s: ++session.seq, t, d };
    session.log.push(event);
    if (session.live) this.#send(session.socket, { op: 0, ...event });
  }

  /** The bot is added to a guild while connected: Discord sends its GUILD_CREATE. */
  joinGuild(guild: FakeGuild): void {
    this.guilds.push(guild);
    this.dispatch('GUILD_CREATE', this.#guildCreate(guild));
  }

  /** Closes the gateway socket from the server side, as Discord does (4000 = resumable). */
  disconnect(code = 4000): void {
    for (const session of this.#shards.values()) {
      session.live = false;
      session.socket?.close(code, 'fake: disconnect');
    }
  }

  /** Requests matching a method and a path pattern. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** A message as Discord sends it, in a guild channel unless `guild_id` is undefined. */
  message(fields: { channel_id: string; author: Json; content: string; guild_id?: string } & Json): Json {
    const id = fields.id ?? snowflake();
    const ts = new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
    return {
      id, type: 0, timestamp: ts, edited_timestamp: null, tts: false, mention_everyone: false, mentions: [],
      mention_roles: [], attachments: [], embeds: [], pinned: false, flags: 0, components: [], ...fields,
    };
  }

  /** A chat-input command interaction; `guild` omitted means a DM. */
  interaction(fields: {
    name: string; channel: Json; user: Json; guild_id?: string; options?: Json[]; roles?: string[];
    /** The member's permissions in the channel, as Discord computes them (a bitfield string). */
    permissions?: string;
  }): Json {
    return this.#interaction(fields, 2, { id: snowflake(), name: fields.name, type: 1, options: fields.options ?? [] });
  }

  /** A button click (component interaction) on a message Mull sent. */
  buttonClick(fields: { customId: string; channel: Json; user: Json; guild_id?: string; permissions?: string; message?: Json }): Json {
    const message = fields.message ?? this.message({ channel_id: fields.channel.id, author: this.bot, content: '', guild_id: fields.guild_id });
    return { ...this.#interaction(fields, 3, { custom_id: fields.customId, component_type: 2 }), message };
  }

  /** A modal submitted: its text inputs by custom id. */
  modalSubmit(fields: { customId: string; channel: Json; user: Json; guild_id?: string; values: Record<string, string> }): Json {
    const components = Object.entries(fields.values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] }));
    return this.#interaction(fields, 5, { custom_id: fields.customId, components });
  }

  #interaction(fields: { channel: Json; user: Json; guild_id?: string; roles?: string[]; permissions?: string }, type: number, data: Json): Json {
    const token = `itoken-${snowflake()}`;
    this.#interactionChannels.set(token, fields.channel.id);
    const member = {
      user: fields.user, roles: fields.roles ?? [], permissions: fields.permissions ?? '0', joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0,
    };
    const who = fields.guild_id ? { member } : { user: fields.user };
    return {
      id: snowflake(), application_id: this.applicationId, type, token, version: 1, locale: 'en-US',
      data,
      channel: fields.channel, channel_id: fields.channel.id, app_permissions: '0', entitlements: [],
      authorizing_integration_owners: { 0: fields.guild_id ?? '0' }, context: fields.guild_id ? 0 : 1,
      attachment_size_limit: 10_485_760, ...(fields.guild_id ? { guild_id: fields.guild_id, guild_locale: 'en-US' } : {}), ...who,
    };
  }

  // ---- gateway ------------------------------------------------------------------------------

  #send(socket: WebSocket | undefined, payload: Json): void {
    socket?.send(JSON.stringify(payload));
  }

  #connect(socket: WebSocket): void {
    socket.on('message', (raw) => this.#onGatewayMessage(socket, JSON.parse(String(raw)) as Json));
    socket.on('close', () => {
      for (const session of this.#shards.values()) if (session.socket === socket) session.live = false;
    });
    this.#send(socket, { op: 10, d: { heartbeat_interval: 30_000 } });
  }

  #onGatewayMessage(socket: WebSocket, payload: Json): void {
    if (payload.op === 1) return this.#send(socket, { op: 11 });
    if (payload.op === 2) return this.#identify(socket, payload.d);
    if (payload.op === 6) return this.#resume(socket, payload.d);
  }

  #identify(socket: WebSocket, d: Json): void {
    this.identifies.push(d);
    if (this.refuseIdentifyWith) {
      socket.close(this.refuseIdentifyWith, 'Disallowed intent(s).');
      return;
    }
    const [shard, count] = (d.shard as [number, number] | undefined) ?? [0, 1];
    this.#shardCount = count;
    const session = this.#session(shard);
    session.socket = socket;
    session.sessionId = `session-${snowflake()}`;
    session.live = true;
    const mine = this.guilds.filter((g) => this.shardOf(g.id) === shard);
    this.#dispatchTo(shard, 'READY', {
      v: 10, user: this.bot, session_id: session.sessionId, resume_gateway_url: this.url.replace('http', 'ws'),
      guilds: mine.map((g) => ({ id: g.id, unavailable: true })), shard: [shard, count],
      application: { id: this.applicationId, flags: 0 },
    });
    for (const guild of mine) this.#dispatchTo(shard, 'GUILD_CREATE', this.#guildCreate(guild));
  }

  #resume(socket: WebSocket, d: Json): void {
    this.resumes.push(d);
    const found = [...this.#shards.entries()].find(([, session]) => session.sessionId === d.session_id);
    if (!found) return this.#send(socket, { op: 9, d: false });
    const [shard, session] = found;
    session.socket = socket;
    session.live = true;
    for (const event of session.log.filter((e) => e.s > d.seq - this.resumeOverlap)) this.#send(socket, { op: 0, ...event });
    this.#dispatchTo(shard, 'RESUMED', {});
  }

  #guildCreate(g: FakeGuild): Json {
    const { threads = [], ...rest } = g;
    return {
      ...rest, icon: null, splash: null, discovery_splash: null, afk_channel_id: null, afk_timeout: 300,
      verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, emojis: [],
      stickers: [], features: [], mfa_level: 0, system_channel_id: null, system_channel_flags: 0,
      rules_channel_id: null, vanity_url_code: null, description: null, banner: null, premium_tier: 0,
      preferred_locale: 'en-US', public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(), large: false, unavailable: false, member_count: g.members.length,
      voice_states: [], presences: [], stage_instances: [], guild_scheduled_events: [], threads,
      channels: g.channels.map((c) => ({ ...c, guild_id: g.id })),
    };
  }

  // ---- REST ---------------------------------------------------------------------------------

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    const text = Buffer.concat(chunks).toString('utf8');
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API) ? pathname.slice(API.length) : pathname;
    const record: RecordedRequest = {
      method: req.method ?? 'GET', path, query: Object.fromEntries(url.searchParams), at: Date.now(),
      body: text && req.headers['content-type']?.includes('json') ? JSON.parse(text) : text || undefined,
    };
    this.requests.push(record);
    const reply = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const open = /^\/(interactions|webhooks)\//.test(path);
    if (!open && req.headers.authorization !== `Bot ${this.token}`) return reply(401, { message: '401: Unauthorized', code: 0 });
    const route = this.#route(record);
    if (!route) return reply(404, { message: '404: Not Found', code: 0 });
    reply(route.status, route.body);
  }

  #route({ method, path, query, body }: RecordedRequest): { status: number; body?: unknown } | undefined {
    let m: RegExpMatchArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 };
      return { status: 200, body: { url: this.url.replace('http', 'ws'), shards: this.recommendedShards, session_start_limit: limit } };
    }
    if (method === 'POST' && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const sent = this.message({ channel_id: m[1]!, author: this.bot, ...body, guild_id: this.#guildOf(m[1]!) });
      if (body.message_reference) sent.type = 19;
      this.dispatch('MESSAGE_CREATE', sent);
      return { status: 200, body: sent };
    }
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return { status: 204 };
    // Editing the bot's own message (streamed answers): echoed back as Discord does, as MESSAGE_UPDATE.
    if (method === 'PATCH' && (m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      const edited = this.message({
        id: m[2]!, channel_id: m[1]!, author: this.bot, content: '', ...body, guild_id: this.#guildOf(m[1]!), edited_timestamp: new Date().toISOString(),
      });
      this.dispatch('MESSAGE_UPDATE', edited);
      return { status: 200, body: edited };
    }
    // Opening a DM: one channel per recipient, as Discord keeps it.
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String((body as Json).recipient_id);
      const id = this.dmChannels.get(recipient) ?? snowflake();
      this.dmChannels.set(recipient, id);
      return { status: 200, body: { id, type: 1, last_message_id: null, recipients: [{ id: recipient, username: 'user', discriminator: '0', avatar: null }] } };
    }
    if (method === 'GET' && (m = path.match(/^\/channels\/(\d+)\/messages$/))) return { status: 200, body: this.#page(m[1]!, query) };
    if (method === 'GET' && (m = path.match(/^\/channels\/(\d+)$/))) {
      const found = this.guilds.flatMap((g) => [...g.channels, ...(g.threads ?? [])].map((c): Json => ({ ...c, guild_id: g.id })));
      const channel = found.find((c) => c.id === m![1]);
      return channel ? { status: 200, body: channel } : { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    }
    if (method === 'GET' && (m = path.match(/^\/guilds\/(\d+)\/members\/(\d+)$/))) {
      const member = this.members.get(`${m[1]}:${m[2]}`);
      return member ? { status: 200, body: member } : { status: 404, body: { message: 'Unknown Member', code: 10007 } };
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    if ((m = path.match(/^\/webhooks\/\d+\/([^/]+)(\/messages\/@original)?$/))) {
      const channel_id = this.#interactionChannels.get(m[1]!) ?? '0';
      return { status: 200, body: this.message({ channel_id, author: this.bot, content: '', ...body, webhook_id: this.applicationId }) };
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const commands = (body as Json[]).map((c) => ({ id: snowflake(), application_id: this.applicationId, version: snowflake(), ...c }));
      return { status: 200, body: commands };
    }
    return undefined;
  }

  #guildOf(channelId: string): string | undefined {
    return this.guilds.find((g) => [...g.channels, ...(g.threads ?? [])].some((c) => c.id === channelId))?.id;
  }

  /** GET /channels/:id/messages: newest first, at most `limit`, `before` / `after` a message id. */
  #page(channelId: string, query: Record<string, string>): Json[] {
    const limit = Number(query.limit ?? 50);
    const all = [...(this.history.get(channelId) ?? [])].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    if (query.after) {
      const after = BigInt(query.after);
      return all.filter((msg) => BigInt(msg.id) > after).slice(-limit);
    }
    const before = query.before ? BigInt(query.before) : undefined;
    return all.filter((msg) => before === undefined || BigInt(msg.id) < before).slice(0, limit);
  }
}

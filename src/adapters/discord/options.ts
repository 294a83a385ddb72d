/**
 * Options of the Discord adapter. The adapter never reads `process.env`: `src/config.ts` maps
 * `DISCORD_*` variables to these and passes them in (bolt-js's rule).
 */
export interface DiscordOptions {
  /**
   * The bot token (Developer Portal → your application → Bot → Reset Token). Never logged.
   */
  token: string;
  /**
   * The application id (Developer Portal → General Information → Application ID). Needed only to
   * register slash commands; the gateway tells the running bot its own. Defaults to none.
   */
  applicationId?: string;
  /**
   * A guild to register slash commands to instead of globally: guild commands update at once,
   * global ones reach every guild and DMs. Defaults to none (global).
   */
  guildId?: string;
  /**
   * REST base URL, without the version (discord.js adds `/v10`). The gateway URL is then whatever
   * `GET /gateway/bot` at this base returns, so one setting redirects both (tests point it at a
   * fake on 127.0.0.1). Defaults to `https://discord.com/api`.
   */
  apiUrl?: string;
  /**
   * Ignore messages from other bots and webhooks: they are neither answered nor stored. The bot's
   * own messages are always ignored. Defaults to `true`.
   */
  ignoreBots?: boolean;
  /**
   * The shards this process runs (discord.js's own sharding, one gateway session each): `auto`
   * for every shard of the count Discord recommends (`GET /gateway/bot`), or these shard ids out
   * of `shardCount`. Discord sends a guild's events to shard (guild_id >> 22) % count and DMs to
   * shard 0, so processes running disjoint ids handle each event once. Defaults to `[0]` of 1.
   * @see https://discord.com/developers/docs/events/gateway#sharding
   */
  shards?: 'auto' | number[];
  /** Total shards across all processes, with explicit `shards`. Defaults to 1. */
  shardCount?: number;
  /**
   * Read channel history on start and when the bot joins a guild. Defaults to `true`.
   */
  backfill?: boolean;
  /**
   * How far back backfill reads, per channel or thread, counting every page read across restarts.
   * Defaults to `20`. @unit pages of 100 messages
   */
  backfillPages?: number;
  /**
   * How often REST retries a request that failed with a 5xx or a network error (429s are always
   * waited out by discord.js's queue). Defaults to `3`.
   */
  restRetries?: number;
  /**
   * How long one REST request may take. Defaults to `15_000`. @unit milliseconds
   */
  restTimeoutMs?: number;
  /**
   * How often the typing indicator is renewed while an answer is worked out; Discord shows it for
   * about 10 seconds per call. Defaults to `8_000`. @unit milliseconds
   */
  typingIntervalMs?: number;
  /**
   * While a model writes a long answer, the reply showing it is edited at most this often; then it
   * settles into the finished answer, split under 2,000 characters. Defaults to `1_000`.
   * @unit milliseconds
   */
  streamEditMs?: number;
  /**
   * How long a handled gateway event is remembered, so a replay after a resume, a restart or a
   * second process holding the same store is not handled twice. Defaults to `86_400_000` (a day).
   * @unit milliseconds
   */
  /**
   * How long a deferred `/rethink` waits for the pass before saying it will post the report in
   * the channel instead: interaction tokens die after 15 minutes. Defaults to 840_000 (14 min).
   * @unit milliseconds
   */
  interactionReplyMs?: number;
  dedupTtlMs?: number;
  /**
   * Where the slash command definitions live. Defaults to `manifests/discord-commands.json` at the
   * package root.
   */
  commandsManifest?: string | URL;
}

/** Defaults as data (discord.js's `DefaultRestOptions`). */
export const DefaultDiscordOptions = {
  apiUrl: 'https://discord.com/api',
  ignoreBots: true,
  backfill: true,
  backfillPages: 20,
  restRetries: 3,
  restTimeoutMs: 15_000,
  typingIntervalMs: 8_000,
  streamEditMs: 1_000,
  dedupTtlMs: 86_400_000,
  interactionReplyMs: 840_000,
  // src/adapters/discord/ and dist/adapters/discord/ are both three levels below the root.
  commandsManifest: new URL('../../../manifests/discord-commands.json', import.meta.url),
} as const satisfies Omit<Required<DiscordOptions>, 'token' | 'applicationId' | 'guildId' | 'shards' | 'shardCount'>;

export type ResolvedDiscordOptions = Required<Omit<DiscordOptions, 'guildId' | 'applicationId' | 'shards' | 'shardCount'>> &
  Pick<DiscordOptions, 'guildId' | 'applicationId' | 'shards' | 'shardCount'>;

export function resolveDiscordOptions(options: DiscordOptions): ResolvedDiscordOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DefaultDiscordOptions, ...defined } as ResolvedDiscordOptions;
}

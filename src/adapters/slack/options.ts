/**
 * Everything the Slack adapter can be told, documented once, with its default and unit. The
 * adapter never reads `process.env`: src/config.ts maps the environment onto these options.
 */
export interface SlackOptions {
  /** Bot token (`xoxb-…`). Required. Never logged. */
  botToken: string;
  /**
   * App-level token (`xapp-…`, scope `connections:write`). When set, the adapter connects over
   * Socket Mode and needs no public URL; otherwise it serves HTTP and needs `signingSecret`.
   */
  appToken?: string;
  /** Signing secret for HTTP mode: every request's `X-Slack-Signature` is checked against it. */
  signingSecret?: string;
  /**
   * Base URL of the Web API, ending in `/api/`. Every Web API call goes there, including the Socket
   * Mode client's own `apps.connections.open`. Defaults to `https://slack.com/api/`.
   */
  apiUrl?: string;
  /** HTTP mode: port to listen on (0 picks a free one; the handle reports it). Defaults to 3000. */
  port?: number;
  /** HTTP mode: interface to bind. Defaults to all interfaces (Node's default). */
  host?: string;
  /** HTTP mode: path Slack posts events, commands and interactions to. Defaults to `/slack/events`. */
  eventsPath?: string;
  /**
   * HTTP mode: hold the HTTP response until the handlers finish. Only for tests and FaaS hosts;
   * a long-running server acks first (Slack retries anything not acked within 3 s). Defaults to false.
   */
  processBeforeResponse?: boolean;
  /**
   * Drop other bots' and apps' messages entirely (not ingested, not answered). When false they are
   * ingested as context (marked `bot`) but still never answered, so two bots cannot loop. Mull's
   * own messages are always ignored. Defaults to true.
   */
  ignoreBots?: boolean;
  /** Backfill history of every conversation the bot is in at start and when it joins one. Defaults to true. */
  backfill?: boolean;
  /**
   * Messages per `conversations.history` / `conversations.replies` page. Slack allows up to 999
   * and recommends 200; new commercially distributed non-Marketplace apps are held to 15. Defaults to 200.
   */
  backfillPageSize?: number;
  /** Top-level messages backfilled per conversation at most (newest first). Defaults to 10,000. */
  backfillMaxMessages?: number;
  /**
   * A conversation's backfill is held by one instance at a time (instances sharing Redis or
   * PostgreSQL). The hold is renewed while the backfill runs, however long Slack's limits make
   * it; if the instance dies, another may take over after one to two of these. Defaults to
   * 300_000 (5 min). @unit milliseconds
   */
  backfillLeaseMs?: number;
  /** How long a user's channel list is trusted for DM scoping. @unit milliseconds. Defaults to 60,000. */
  dmAccessCacheMs?: number;
  /** How long event ids and answered messages are remembered for de-duplication. @unit milliseconds. Defaults to 86,400,000 (24 h). */
  dedupeTtlMs?: number;
  /**
   * Retries of a failed Web API call (network error, 5xx, 429 after waiting its Retry-After) on the
   * client that answers people. Backfill uses its own client that never blocks answers. Defaults to 3.
   */
  apiRetries?: number;
  /** Longest answer chunk per Slack message. @unit characters. Defaults to 2,900 (a section block holds 3,000). */
  maxMessageChars?: number;
  /** Citations shown under an answer at most. Defaults to 5. */
  maxCitations?: number;
  /** Emoji name added to a question while Mull works on it (without colons). Defaults to `eyes`. */
  workingReaction?: string;
  /**
   * Stream answers with Slack's native streaming (chat.startStream / appendStream / stopStream) in
   * threads; where the workspace refuses it, or when false, answers stream into a draft message
   * edited with chat.update instead. Defaults to true.
   */
  nativeStreaming?: boolean;
  /**
   * While a model writes an answer, the draft message is edited at most this often.
   * `chat.update` is Tier 3 (~50 a minute per workspace), so a few answers streaming at once must
   * stay well under it. Defaults to 1_500. @unit milliseconds
   */
  streamUpdateMs?: number;
  /**
   * Progress edits allowed across all streaming drafts in the workspace, leaving the rest of
   * `chat.update`'s Tier 3 (~50 a minute) to final answers. Defaults to 20. @unit edits per minute
   */
  draftEditsPerMinute?: number;
  /**
   * On stop, how long answers and passes in flight may take to finish before the process goes on
   * shutting down. Defaults to 20_000. @unit milliseconds
   */
  stopGraceMs?: number;
  /**
   * How long a slash command's `response_url` is used for the result; after that (Slack accepts
   * posts for 30 minutes) the report goes by `chat.postEphemeral`. Defaults to 1_740_000 (29 min).
   * @unit milliseconds
   */
  responseUrlLifetimeMs?: number;
}

/** Defaults as data, in one place. */
export const SlackDefaults = {
  apiUrl: 'https://slack.com/api/',
  port: 3000,
  eventsPath: '/slack/events',
  processBeforeResponse: false,
  ignoreBots: true,
  backfill: true,
  backfillPageSize: 200,
  backfillMaxMessages: 10_000,
  backfillLeaseMs: 300_000,
  dmAccessCacheMs: 60_000,
  dedupeTtlMs: 86_400_000,
  apiRetries: 3,
  maxMessageChars: 2_900,
  maxCitations: 5,
  workingReaction: 'eyes',
  nativeStreaming: true,
  streamUpdateMs: 1_500,
  draftEditsPerMinute: 20,
  stopGraceMs: 20_000,
  responseUrlLifetimeMs: 1_740_000,
} as const satisfies Omit<Required<SlackOptions>, 'botToken' | 'appToken' | 'signingSecret' | 'host'>;

export type ResolvedSlackOptions = SlackOptions & Omit<Required<SlackOptions>, 'appToken' | 'signingSecret' | 'host'>;

export function resolveSlackOptions(options: SlackOptions): ResolvedSlackOptions {
  const merged = { ...SlackDefaults, ...withoutUndefined(options) } as ResolvedSlackOptions;
  // The WebClient joins method names onto the base URL, so it must end in a slash.
  if (!merged.apiUrl.endsWith('/')) merged.apiUrl = `${merged.apiUrl}/`;
  return merged;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

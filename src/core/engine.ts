import type { ChannelKey } from './ids.js';
import type { AnswerPath, Channel, StoredMessage, Workspace } from './types.js';

/** What an adapter hands the core when something happens in a channel. */
export type IngestEvent =
  | { type: 'message'; channel: Channel; message: StoredMessage }
  | { type: 'edit'; channel: ChannelKey; id: string; ts?: number; text: string; editedTs: number }
  | { type: 'delete'; channel: ChannelKey; id: string; ts?: number };

export interface AskRequest {
  /** Who is asking: a platform user id. */
  asker: string;
  /** Where the question was asked (a channel or a DM). */
  askedIn: ChannelKey;
  /**
   * The channels the answer may draw on, decided by the adapter from the platform's access rules
   * at the time of asking: the channel itself for a mention; every channel the asker can read for
   * a DM. The core never widens it.
   */
  scope: ChannelKey[];
  question: string;
  /** Where the question message itself lives, so it is not cited as its own answer. */
  questionMessageId?: string;
  /**
   * Asked where only the asker sees the exchange (a DM, an ephemeral `/mull ask`): the question is
   * not logged, so it never shapes a channel's pass nor shows in a `/rethink` report. Set by the
   * adapter; default false (a mention in a channel, which the channel sees anyway).
   */
  private?: boolean;
  /**
   * Called with the answer text so far while a model writes it (warm and cold paths), so an
   * adapter can show progress. The final text comes in the returned Answer.
   */
  onPartial?: (text: string) => void;
}

export interface Citation {
  channel: ChannelKey;
  messageId: string;
  /** @unit epoch milliseconds */
  ts: number;
  userName?: string;
  /** The thread's root message id when the cited message is a reply (links open the thread). */
  threadId?: string;
  /** A short excerpt of the cited message, for adapters that show one. */
  excerpt: string;
}

export interface Answer {
  text: string;
  citations: Citation[];
  path: AnswerPath;
  /** When the answer was thought out in advance (cached path): the pass's commit time. */
  thoughtAt?: number;
  /** The prepared answer it was served or amended from (cached and verified paths). */
  prepared?: PreparedRef;
  /** The channels the answer drew on (a DM names them). */
  channelsUsed: ChannelKey[];
  /** Plain notice for the user, e.g. that no model is configured. */
  notice?: string;
  /** End-to-end time inside the engine. @unit milliseconds */
  latencyMs: number;
}

export interface PassReport {
  channel: ChannelKey;
  status: 'ok' | 'failed' | 'skipped';
  /** Why a pass failed or was skipped (busy, budget spent, nothing new). */
  reason?: string;
  newNotes: number;
  changedNotes: number;
  droppedNotes: number;
  anticipated: number;
  messagesRead: number;
  tokens: number;
  durationMs: number;
  /** A few lines describing what changed, for /rethink replies. */
  highlights: string[];
  /**
   * Set when an on-demand pass was refused by a cooldown (`reason` is then 'cooling down'):
   * whose cooldown, and how long until another may run. @unit milliseconds
   */
  cooldown?: { scope: 'user' | 'channel'; retryAfterMs: number };
}

/** Who asked for an on-demand pass; without it a pass is the system's own (schedules, tests). */
export interface RethinkOptions {
  /** A topic to think about: runs even with nothing new, when the cooldowns allow. */
  topic?: string;
  /**
   * The pass is a person's request (`/rethink`, `mull rethink`): the channel's cooldown applies,
   * and without a topic nothing new means no pass.
   */
  onDemand?: boolean;
  /** The platform user who asked (`/rethink`): their own cooldown applies as well. */
  asker?: string;
}

/** Which figures `/mull stats` may show: exactly these channels (a DM's scope), summed. */
export interface StatsScope {
  scope: ChannelKey[];
}

export interface ChannelStats {
  channel: ChannelKey;
  name: string;
  messages: number;
  lastPassAt?: number;
  anticipated: number;
  notes: number;
}

export interface StatsReport {
  channels: ChannelStats[];
  sleepTokens: number;
  testTokens: { prompt: number; completion: number; cached: number };
  answers: Record<AnswerPath, number>;
  latency: { p50: number; p95: number };
  passes: { ok: number; failed: number };
  feedback: { up: number; down: number };
  budget: { dailyLimit: number | null; usedToday: number; exhausted: boolean };
}

/** How deep a sleep pass thinks (see src/sleep/effort.ts). */
export type ChannelEffort = 'low' | 'medium' | 'high';

/**
 * What the people who manage a channel decide about Mull there (`/mull settings`). Stored per
 * channel; a channel never configured has `DefaultChannelSettings`.
 */
export interface ChannelSettings {
  /** Sleep passes run here (quiet period, nightly, `/rethink`). Off: Mull still answers from what it knows. */
  passes: boolean;
  /** Sleep effort here; null: the workspace default (`MULL_SLEEP_EFFORT`). */
  effort: ChannelEffort | null;
  /** `public`: answers go to the thread; `asker`: only the person who asked sees them. */
  answers: 'public' | 'asker';
  /** In a thread where Mull was tagged, later messages are answered without a fresh mention. */
  threadFollowUps: boolean;
}

export const DefaultChannelSettings = {
  passes: true,
  effort: null,
  answers: 'public',
  threadFollowUps: false,
} as const satisfies ChannelSettings;

/** What `/mull forget` removed. */
export interface ForgetReport {
  channel: ChannelKey;
  messages: number;
  notes: number;
  anticipated: number;
  questions: number;
}

/** One prepared answer: the channel whose pass wrote it and its id there. */
export interface PreparedRef {
  channel: ChannelKey;
  questionId: string;
}

/** A thumbs-down and why, about one answer: kept for the next pass of the channel it was asked in. */
export interface FeedbackReason {
  /** The channel the answer was asked in (where its feedback counts). */
  channel: ChannelKey;
  /** The question as asked. */
  question: string;
  /** The answer text that was judged. */
  answer: string;
  /** What the person said was wrong. */
  reason: string;
  /** The prepared answer the judged answer came from (Answer.prepared), when it came from one. */
  prepared?: PreparedRef;
  /** An id for the judged answer (e.g. the platform message id), so one answer is judged once per person. */
  answerId: string;
  user: string;
}

/** One channel as the App Home shows it. */
export interface ChannelOverview {
  channel: ChannelKey;
  name: string;
  settings: ChannelSettings;
  /** @unit epoch milliseconds */
  lastPassAt?: number;
  notes: number;
  prepared: number;
  /** The questions Mull expects most, best first. */
  topQuestions: string[];
  /** Tokens over the last 7 days. */
  week: { sleepTokens: number; answerTokens: number };
  /** Set while Mull is out of the channel: when it left, and when its data goes. @unit epoch milliseconds */
  removed?: { at: number; purgeAt: number };
}

/**
 * The platform-neutral engine every adapter talks to. Data flows one way: adapter -> engine ->
 * store / model -> back out through the adapter.
 */
export interface Engine {
  registerWorkspace(workspace: Workspace): Promise<void>;
  /** Stores or refreshes a channel's metadata (name, privacy, members). */
  upsertChannel(channel: Channel): Promise<void>;
  ingest(event: IngestEvent): Promise<void>;
  /** Bulk history (backfill, import): one batched write. */
  ingestHistory(channel: Channel, messages: StoredMessage[]): Promise<{ added: number }>;
  ask(request: AskRequest): Promise<Answer>;
  /**
   * Runs a pass now (single-flight: joins or queues behind a running one). A string is the topic
   * of a system pass; with options from a person, cooldowns apply (see RethinkOptions).
   */
  rethink(channel: ChannelKey, options?: string | RethinkOptions): Promise<PassReport>;
  recordFeedback(channel: ChannelKey, vote: 'up' | 'down'): Promise<void>;
  /** One channel's figures, a scope's (summed over its channels only), or the whole store's. */
  stats(target?: ChannelKey | StatsScope): Promise<StatsReport>;

  /** The channel's settings (defaults where never set). */
  channelSettings(channel: ChannelKey): Promise<ChannelSettings>;
  /** Changes some settings; a bad value is a MullError (BadInput) and changes nothing. */
  updateChannelSettings(channel: ChannelKey, patch: Partial<ChannelSettings>): Promise<ChannelSettings>;
  /**
   * Drops what Mull learned from the channel, its stored history and the questions logged there;
   * history older than now is not taken in again by a backfill unless `refill` is set.
   */
  forget(channel: ChannelKey, options?: { refill?: boolean }): Promise<ForgetReport>;
  /** Mull was removed from the channel: passes stop; its data is purged after the grace period. */
  channelRemoved(channel: ChannelKey): Promise<void>;
  /** Mull is back in the channel: the purge is called off. */
  channelRestored(channel: ChannelKey): Promise<void>;
  /** Purges every channel removed longer ago than the grace period; returns them. */
  purgeRemoved(): Promise<ChannelKey[]>;
  /**
   * Why a thumbs-down (already counted by recordFeedback): logged for the channel's next pass, and
   * the prepared answer it came from (if any) is marked for review, so it is not served again unchecked.
   */
  recordFeedbackReason(feedback: FeedbackReason): Promise<void>;
  /** The App Home view of these channels (those the viewer can read), in the given order. */
  overview(channels: ChannelKey[]): Promise<ChannelOverview[]>;
  /** The questions Mull expects most across these channels (a user's readable ones), best first. */
  expectedQuestions(channels: ChannelKey[], limit: number): Promise<Array<{ channel: ChannelKey; question: string }>>;
}

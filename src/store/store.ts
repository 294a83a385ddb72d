import type { ChannelKey } from '../core/ids.js';
import type {
  AnswerPath,
  AskedQuestion,
  Channel,
  LearnedContext,
  LedgerEntry,
  StoredMessage,
  Workspace,
} from '../core/types.js';

/** Options for reading a channel's messages in time order. */
export interface ReadMessagesOptions {
  /** Only messages strictly after this point (ts, then id). */
  after?: { ts: number; id: string } | null;
  /** Only messages at or before this time. @unit epoch milliseconds */
  untilTs?: number;
  /** At most this many; with `newest`, the newest ones (still returned oldest first). */
  limit?: number;
  newest?: boolean;
}

export interface AppendResult {
  /** Messages that were new. */
  added: number;
  /** Messages that were already stored and whose text or fields changed. */
  updated: number;
  /** Messages that were already stored unchanged (re-imports land here). */
  unchanged: number;
}

/** Aggregated ledger figures for one channel or for all. */
export interface LedgerTotals {
  sleep: { promptTokens: number; completionTokens: number; cachedPromptTokens: number };
  test: { promptTokens: number; completionTokens: number; cachedPromptTokens: number };
  answers: Record<AnswerPath, number>;
  passes: { ok: number; failed: number };
  feedback: { up: number; down: number };
  /** Recent reply latencies, newest last (bounded sample). @unit milliseconds */
  latencies: number[];
}

/**
 * Everything Mull persists, behind one interface, with the same behaviour on SQLite, Redis and
 * PostgreSQL. Implementations live beside this file; nothing outside src/store knows the layout.
 */
export interface Store {
  /** `memory` is the private in-process store of `memory://`, for tests. */
  readonly backend: 'sqlite' | 'redis' | 'postgres' | 'memory';

  putWorkspace(workspace: Workspace): Promise<void>;
  getWorkspace(platform: string, id: string): Promise<Workspace | undefined>;

  putChannel(channel: Channel): Promise<void>;
  getChannel(key: ChannelKey): Promise<Channel | undefined>;
  listChannels(): Promise<Channel[]>;

  /**
   * Inserts or updates messages by id (idempotent: storing the same message twice adds nothing).
   * Batched: 100,000 messages take a handful of round trips, not one per message.
   */
  putMessages(channel: ChannelKey, messages: StoredMessage[]): Promise<AppendResult>;
  getMessage(channel: ChannelKey, id: string, ts?: number): Promise<StoredMessage | undefined>;
  /** Messages in time order (ts, then id). */
  readMessages(channel: ChannelKey, options?: ReadMessagesOptions): Promise<StoredMessage[]>;
  /** Replaces a message's text; returns the updated message, or undefined when unknown. */
  editMessage(
    channel: ChannelKey,
    id: string,
    text: string,
    editedTs: number,
    ts?: number,
  ): Promise<StoredMessage | undefined>;
  /** Removes a message for good; returns what was removed, or undefined when unknown. */
  deleteMessage(channel: ChannelKey, id: string, ts?: number): Promise<StoredMessage | undefined>;
  countMessages(channel: ChannelKey): Promise<number>;
  /** The newest message's time, or undefined for an empty channel. @unit epoch milliseconds */
  lastMessageTs(channel: ChannelKey): Promise<number | undefined>;

  getLearned(channel: ChannelKey): Promise<LearnedContext | undefined>;
  /**
   * Commits a pass's result and its watermark in one write. With `expectedVersion`, fails with a
   * StoreError when another pass committed in between (optimistic concurrency).
   */
  commitLearned(context: LearnedContext, expectedVersion?: number): Promise<void>;

  logQuestion(question: AskedQuestion): Promise<void>;
  /** Drops the logged questions asked by a message that was deleted. */
  forgetQuestion(channel: ChannelKey, messageId: string): Promise<void>;
  /** Questions logged for a channel since a time, oldest first, at most `limit` (newest kept). */
  listQuestions(channel: ChannelKey, sinceTs: number, limit?: number): Promise<AskedQuestion[]>;

  record(entry: LedgerEntry): Promise<void>;
  /** Totals for a channel, or across all channels when `channel` is omitted; `sinceTs` bounds by day. */
  ledgerTotals(channel?: ChannelKey, sinceTs?: number): Promise<LedgerTotals>;

  /** Sets a short-lived key only if absent (event de-duplication). True when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** A lock held until released or until `ttlMs` passes. Returns a token, or null when held. */
  acquireLock(key: string, ttlMs: number): Promise<string | null>;
  releaseLock(key: string, token: string): Promise<void>;

  /** Small JSON state for adapters and schedules (backfill cursors, last-run times). */
  getState<T>(key: string): Promise<T | undefined>;
  setState<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  deleteState(key: string): Promise<void>;

  close(): Promise<void>;
}

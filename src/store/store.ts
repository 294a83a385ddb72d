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

/** A message found by full-text search, best first. */
export interface SearchHit {
  id: string;
  /** @unit epoch milliseconds */
  ts: number;
  /** Relevance (higher is better); comparable only within one search. */
  score: number;
}

/** What a deletion on the platform changes besides the message itself. */
export interface DeletionOptions {
  /** The message's time, when the event carries it (not needed to find it). @unit epoch milliseconds */
  ts?: number;
  /** When the deletion was seen. @unit epoch milliseconds */
  at: number;
  /**
   * Rewrites the channel's learned context without what cited the message (see
   * src/context/purge.ts); null when nothing changes. Applied in the deletion's transaction.
   */
  purge?: (learned: LearnedContext) => LearnedContext | null;
}

/** What a read of a learned context includes. */
export interface LearnedReadOptions {
  /**
   * The prepared questions' embeddings (default true). Most of a context's bytes; only matching a
   * question by meaning needs them, so readers that rank or count leave them out.
   */
  vectors?: boolean;
}

/** One prepared question's own embedding, for ranking channels by meaning. */
export interface QuestionEmbedding {
  channel: ChannelKey;
  id: string;
  embedding: number[];
}

/**
 * Everything Mull persists, behind one interface, with the same behaviour on SQLite and
 * PostgreSQL. Implementations live beside this file; nothing outside src/store knows the tables.
 */
export interface Store {
  /** `memory` is a private in-memory SQLite database (`memory://`), for tests. */
  readonly backend: 'sqlite' | 'postgres' | 'memory';

  putWorkspace(workspace: Workspace): Promise<void>;
  getWorkspace(platform: string, id: string): Promise<Workspace | undefined>;

  putChannel(channel: Channel): Promise<void>;
  getChannel(key: ChannelKey): Promise<Channel | undefined>;
  listChannels(): Promise<Channel[]>;
  /**
   * Empties a channel: every stored message (in batches, each its own transaction), every question
   * logged there and, with `dropChannel`, its row and member list. Tombstones, the learned context
   * (see forget-channel.ts) and the ledger are left.
   */
  clearChannel(channel: ChannelKey, options: { dropChannel: boolean }): Promise<{ messages: number; questions: number }>;
  /** Marks a channel Mull was removed from, since `at`; a second removal keeps the first time. */
  markChannelRemoved(channel: ChannelKey, at: number): Promise<void>;
  clearChannelRemoved(channel: ChannelKey): Promise<void>;
  /** The channels Mull was removed from, with when. @unit epoch milliseconds */
  removedChannels(): Promise<Record<ChannelKey, number>>;

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
  /**
   * A deletion on the platform, in one transaction: the message goes, a tombstone stays (so no
   * late backfill page or pass stores or cites it again), the questions it asked are forgotten and
   * `purge` rewrites the learned context. Returns what was removed, or undefined when unknown
   * (the tombstone is written either way).
   */
  applyDeletion(channel: ChannelKey, id: string, options: DeletionOptions): Promise<StoredMessage | undefined>;
  /** Ids of the channel's messages deleted on the platform (tombstones), newest `limit` (default 5,000). */
  deletedIds(channel: ChannelKey, limit?: number): Promise<Set<string>>;
  /**
   * Full-text search over one channel's messages, ranked (BM25 on SQLite FTS5, ts_rank on
   * PostgreSQL). `terms` are content words, matched as stemmed whole words, any of them.
   */
  searchMessages(channel: ChannelKey, terms: readonly string[], limit: number): Promise<SearchHit[]>;
  /**
   * The channels of `channels` whose newest messages match the terms, with how many of the newest
   * 500 matches across them each holds, most first (bounded work whatever the scope).
   */
  channelsMentioning(channels: readonly ChannelKey[], terms: readonly string[]): Promise<Array<{ channel: ChannelKey; matches: number }>>;
  countMessages(channel: ChannelKey): Promise<number>;
  /** The newest message's time, or undefined for an empty channel. @unit epoch milliseconds */
  lastMessageTs(channel: ChannelKey): Promise<number | undefined>;

  /** The channel's learned context; `{ vectors: false }` leaves out the prepared questions' embeddings. */
  getLearned(channel: ChannelKey, options?: LearnedReadOptions): Promise<LearnedContext | undefined>;
  /** The prepared questions' own embeddings in these channels, without their bodies (empty without embeddings). */
  questionEmbeddings(channels: readonly ChannelKey[]): Promise<QuestionEmbedding[]>;
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
  /**
   * Totals for a channel, or across all channels when `channel` is omitted, of the entries at or
   * after `sinceTs` (e.g. the start of today in MULL_TIMEZONE). @unit epoch milliseconds
   */
  ledgerTotals(channel?: ChannelKey, sinceTs?: number): Promise<LedgerTotals>;

  /**
   * Sets a short-lived key only if absent (event de-duplication). True when this call set it.
   * Short-lived keys and locks live in Redis when one is configured, else in the database.
   */
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

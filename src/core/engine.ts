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
  /** Runs a pass now (single-flight: joins or queues behind a running one). */
  rethink(channel: ChannelKey, topic?: string): Promise<PassReport>;
  recordFeedback(channel: ChannelKey, vote: 'up' | 'down'): Promise<void>;
  stats(channel?: ChannelKey): Promise<StatsReport>;
}

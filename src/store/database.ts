import type { Generated } from 'kysely';

/**
 * The tables of the store, as Kysely sees them: one interface per table, snake_case columns.
 * Migrations (./migrations/) create exactly these; every query in src/store is typed from here.
 *
 * Times are epoch milliseconds in double-precision columns (Slack timestamps carry microseconds,
 * so a message's ts can be fractional). Booleans are 0/1 integers on both engines; optional
 * booleans keep null for "not set" so a stored object reads back exactly as it was written.
 */
export interface Database {
  workspaces: WorkspaceTable;
  channels: ChannelTable;
  channel_members: ChannelMemberTable;
  messages: MessageTable;
  deleted_messages: DeletedMessageTable;
  learned_contexts: LearnedContextTable;
  learned_notes: LearnedNoteTable;
  anticipated_questions: AnticipatedQuestionTable;
  question_log: QuestionLogTable;
  ledger: LedgerTable;
  state: StateTable;
  removed_channels: RemovedChannelTable;
  short_lived: ShortLivedTable;
}

export interface WorkspaceTable {
  platform: string;
  id: string;
  name: string;
}

export interface ChannelTable {
  key: string;
  platform: string;
  workspace: string;
  id: string;
  name: string;
  is_private: number;
  is_dm: number;
  /** 1 when `members` is known (even if empty); the rows are in channel_members. */
  members_known: number;
  members_updated_at: number | null;
}

export interface ChannelMemberTable {
  channel: string;
  user_id: string;
  /** Position in the list as stored, so members read back in the order they were written. */
  position: number;
}

export interface MessageTable {
  /** Row number: the full-text index (SQLite FTS5) refers to messages by it. */
  seq: Generated<number>;
  channel: string;
  id: string;
  ts: number;
  user_id: string;
  user_name: string | null;
  text: string;
  thread_id: string | null;
  edited_ts: number | null;
  bot: number | null;
}

/** Messages deleted on the platform: nothing may store them again or cite them later. */
export interface DeletedMessageTable {
  channel: string;
  id: string;
  deleted_at: number;
}

export interface LearnedContextTable {
  channel: string;
  version: number;
  committed_at: number;
  watermark_ts: number | null;
  watermark_id: string | null;
  summary: string;
  source: string;
  model: string | null;
  /** JSON array of message ids. */
  rework: string;
}

export interface LearnedNoteTable {
  channel: string;
  position: number;
  id: string;
  kind: string;
  text: string;
  /** The whole LearnedNote as JSON: every field round-trips, including ones added later. */
  body: string;
}

export interface AnticipatedQuestionTable {
  channel: string;
  position: number;
  id: string;
  question: string;
  confidence: number;
  /** The AnticipatedQuestion as JSON (answer, paraphrases, look-alikes, …) without its embeddings. */
  body: string;
  /** The question's own embedding (see question-vectors.ts), null when none was computed. */
  embedding: string | null;
  /** Its paraphrases' and look-alikes' embeddings (see question-vectors.ts), or null. */
  vectors: string | null;
}

export interface QuestionLogTable {
  seq: Generated<number>;
  channel: string;
  ts: number;
  text: string;
  origin: string;
  path: string | null;
  message_id: string | null;
}

export interface LedgerTable {
  seq: Generated<number>;
  channel: string;
  ts: number;
  phase: string;
  prompt_tokens: number;
  completion_tokens: number;
  cached_prompt_tokens: number;
  path: string | null;
  latency_ms: number | null;
  pass: string | null;
  feedback: string | null;
}

/** Small JSON state (backfill cursors, last-run times); `expires_at` null means forever. */
/** A channel Mull was removed from, and since when (its purge runs after the grace period). */
export interface RemovedChannelTable {
  channel: string;
  removed_at: number;
}

export interface StateTable {
  key: string;
  value: string;
  expires_at: number | null;
}

/** De-duplication marks and locks when no Redis is configured. */
export interface ShortLivedTable {
  key: string;
  value: string;
  expires_at: number;
}

export type Engine = 'sqlite' | 'postgres';

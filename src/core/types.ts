import type { ChannelKey, Platform } from './ids.js';

/** A team: a Slack workspace, a Discord guild, or the local console. */
export interface Workspace {
  platform: Platform;
  /** Slack team id, Discord guild id, or `local`. */
  id: string;
  name: string;
}

export interface Channel {
  key: ChannelKey;
  platform: Platform;
  workspace: string;
  /** The platform's channel id (Slack `C123`, Discord snowflake, console name). */
  id: string;
  /** Human name without `#`. */
  name: string;
  /** Private channels, group DMs and DMs are never public context. */
  isPrivate: boolean;
  isDm: boolean;
  /** Member user ids, where known (Slack `conversations.members`, membership events). */
  members?: string[];
  /** When `members` was last refreshed. @unit epoch milliseconds */
  membersUpdatedAt?: number;
}

/** A message as the store keeps it. Edits replace `text`; deletions remove the message. */
export interface StoredMessage {
  /** Platform id, unique in its channel: Slack `ts` ("1700000000.000100"), Discord snowflake. */
  id: string;
  /** When it was posted. @unit epoch milliseconds */
  ts: number;
  /** Author's platform user id. */
  user: string;
  /** Author's display name, when known. */
  userName?: string;
  text: string;
  /** Id of the thread's root message, for replies in a thread (not set on the root itself). */
  threadId?: string;
  /** When it was last edited. @unit epoch milliseconds */
  editedTs?: number;
  /** Posted by a bot or an app. */
  bot?: boolean;
}

export type NoteKind = 'fact' | 'decision' | 'owner' | 'date' | 'number' | 'open_question';

export const NOTE_KINDS: readonly NoteKind[] = ['fact', 'decision', 'owner', 'date', 'number', 'open_question'];

/** Something a sleep pass learned from the channel, citing the messages it rests on. */
export interface LearnedNote {
  id: string;
  kind: NoteKind;
  text: string;
  /** Message ids (in this channel) the note rests on. */
  citations: string[];
  /** Set when a cited message was edited or deleted since: the next pass must rework it. */
  stale?: boolean;
}

/**
 * A question a pass expects people to ask, with the answer reasoned out ahead of time. The pass
 * also writes what the question is about, other ways people would ask it, and look-alike
 * questions it must not answer: matching at answer time works from those (precision first).
 */
export interface AnticipatedQuestion {
  id: string;
  question: string;
  answer: string;
  citations: string[];
  /** The model's confidence in the answer, 0..1. */
  confidence: number;
  stale?: boolean;
  /** What the question is about, in a few words ("the launch date", "who owns billing"). */
  subject?: string;
  /** Other wordings of the same question, written at sleep time. */
  paraphrases?: string[];
  /** Questions that look alike but ask something else; the prepared answer must not answer them. */
  lookalikes?: string[];
  /** The question's embedding, computed at sleep time when an embedding model is configured. */
  embedding?: number[];
  /** Embeddings of `paraphrases` (same order), when an embedding model is configured. */
  paraphraseEmbeddings?: number[][];
  /** Embeddings of `lookalikes` (same order), when an embedding model is configured. */
  lookalikeEmbeddings?: number[][];
}

/**
 * A channel's re-represented context c'. Stored as one value together with its watermark, so a
 * pass's result and the point it read up to commit together or not at all.
 */
export interface LearnedContext {
  channel: ChannelKey;
  /** Incremented by every committed pass. */
  version: number;
  /** When the pass that produced it committed. @unit epoch milliseconds */
  committedAt: number;
  /** The newest message the pass read; the next pass starts after it. */
  watermark: { ts: number; id: string } | null;
  /** A short running summary of the channel. */
  summary: string;
  notes: LearnedNote[];
  questions: AnticipatedQuestion[];
  /** 'model' when a model wrote it, 'offline' when mined without one. */
  source: 'model' | 'offline';
  model?: string;
  /**
   * Message ids the next pass must re-read: the other evidence of notes and questions that were
   * dropped because a message they cited was edited or deleted.
   */
  rework: string[];
}

/** A question somebody asked, of the bot or in the channel: the best predictor of the next ones. */
export interface AskedQuestion {
  channel: ChannelKey;
  text: string;
  /** @unit epoch milliseconds */
  ts: number;
  /** 'bot' when asked of Mull, 'channel' when mined from a question-like message. */
  /** `feedback`: a reader's 👎 with its reason (the text says what was asked, answered and wrong). */
  origin: 'bot' | 'channel' | 'feedback';
  path?: AnswerPath;
  /** The message that asked it, so its deletion also removes it here. */
  messageId?: string;
}

/**
 * How an answer was produced: `cached` serves a prepared answer with zero model calls; `verified`
 * serves (or amends) one after a compact check on the answer model; `warm` reasons over the
 * learned context with a small budget; `cold` over raw history; `offline` quotes without a model.
 */
export type AnswerPath = 'cached' | 'verified' | 'warm' | 'cold' | 'offline';

export const ANSWER_PATHS: readonly AnswerPath[] = ['cached', 'verified', 'warm', 'cold', 'offline'];

/** Token usage of one model call. */
export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the provider's prompt cache. */
  cachedPromptTokens: number;
}

/** One line of the token ledger. */
export interface LedgerEntry {
  channel: ChannelKey;
  /** @unit epoch milliseconds */
  ts: number;
  phase: 'sleep' | 'test';
  usage: Usage;
  path?: AnswerPath;
  /** Reply latency for answers. @unit milliseconds */
  latencyMs?: number;
  /** Pass outcome for sleep entries. */
  pass?: 'ok' | 'failed';
  /** 👍 / 👎 feedback on an answer. */
  feedback?: 'up' | 'down';
}

import type { PreparedRef } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { Logger } from '../core/logger.js';
import type { AnswerPath, StoredMessage, Usage } from '../core/types.js';
import type { LlmProvider } from '../llm/provider.js';
import type { Store } from '../store/store.js';
import type { AnticipatedIndex, AnticipatedMatch } from './anticipated-match.js';
import type { ChannelInPlay } from './gather.js';
import type { HistoryIndex } from './history-index.js';

export interface AnswerSettings {
  model: string;
  /** Completion budget on the warm path (learned context available). @unit tokens */
  warmMaxTokens: number;
  /** Completion budget of the verified path's check (a verdict, and an amended answer). @unit tokens */
  checkMaxTokens: number;
  /** Completion budget on the cold path (raw history only). @unit tokens */
  coldMaxTokens: number;
  /** Messages since the pass included on the warm path. @unit tokens (estimated) */
  recentTokens: number;
  /** Raw messages retrieved on the warm path. */
  warmRetrieved: number;
  /** Raw messages retrieved on the cold path. */
  coldRetrieved: number;
  /** Recent history included on the cold path. @unit tokens (estimated) */
  coldRecentTokens: number;
}

export const DefaultAnswerSettings = {
  warmMaxTokens: 600,
  checkMaxTokens: 300,
  coldMaxTokens: 1_500,
  recentTokens: 1_500,
  warmRetrieved: 6,
  coldRetrieved: 30,
  coldRecentTokens: 6_000,
} as const satisfies Omit<AnswerSettings, 'model'>;

export interface AnswerDeps {
  store: Store;
  provider: LlmProvider | null;
  history: HistoryIndex;
  anticipated: AnticipatedIndex;
  settings: AnswerSettings;
  logger: Logger;
  now: () => number;
  /** Called when a question was not covered: the next pass should think about it. */
  onUncovered?: (channel: ChannelKey) => void;
}

/** One question being answered: what every path works from. */
export interface Turn {
  question: string;
  /** The channels the answer may draw on that bear on the question. */
  inPlay: readonly ChannelInPlay[];
  /** Prepared answers nearest to the question, best first. */
  nearest: readonly AnticipatedMatch[];
  /** Message ids never to show or cite (the question itself). */
  exclude: ReadonlySet<string>;
  onPartial?: (text: string) => void;
  /** Asked in a DM or an ephemeral ask: it leaves no trace on any channel (see AskRequest.private). */
  private?: boolean;
}

/** A path's answer before citations are resolved and the ledger is written. */
export interface Drafted {
  text: string;
  refs: { channel: ChannelKey; messageId: string }[];
  path: AnswerPath;
  usage: Usage;
  thoughtAt?: number;
  /** The prepared answer served or amended (cached, verified). */
  prepared?: PreparedRef;
  notice?: string;
  channelsUsed: ChannelKey[];
  /** Cited messages the path has already read, by `channel/id`. */
  known?: ReadonlyMap<string, StoredMessage>;
}

import type { ChannelKey } from '../core/ids.js';
import { contentTerms } from '../context/text.js';
import type { Store } from '../store/store.js';

export interface RetrievedMessage {
  id: string;
  ts: number;
  score: number;
}

/**
 * Typos are forgiven only in long words: on short ones an edit distance of one turns "launch"
 * into "lunch". (Used by anticipated-question matching; history search in the database matches
 * word stems, not typos.)
 */
export const longTermsOnly = (term: string): number | false => (term.length >= 8 ? 0.15 : false);

/**
 * Lexical retrieval over raw channel history: the store's full-text search (SQLite FTS5 /
 * PostgreSQL tsvector), ranked and filtered to the channel inside the query. Nothing is held in
 * this process: every instance sees what any of them stored, and the database keeps the index
 * current in the same transaction as the message (a deleted message leaves nothing behind).
 */
export class HistoryIndex {
  constructor(private readonly store: Store) {}

  async search(channel: ChannelKey, query: string, limit: number): Promise<RetrievedMessage[]> {
    const terms = contentTerms(query);
    if (terms.length === 0) return [];
    return this.store.searchMessages(channel, terms, limit);
  }
}

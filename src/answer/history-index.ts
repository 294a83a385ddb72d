import MiniSearch from 'minisearch';
import type { ChannelKey } from '../core/ids.js';
import type { StoredMessage } from '../core/types.js';
import { contentTerms, words, stem } from '../context/text.js';
import type { Store } from '../store/store.js';

/** The newest messages per channel kept searchable in memory; older ones age out of retrieval. */
const INDEX_WINDOW = 50_000;
/** Channel indexes kept in memory at once; the least recently used is dropped and rebuilt on demand. */
const MAX_INDEXES = 64;

interface IndexedMessage {
  id: string;
  ts: number;
  text: string;
}

export interface RetrievedMessage {
  id: string;
  ts: number;
  score: number;
}

/**
 * Typos are forgiven only in long words: on short ones an edit distance of one turns "launch"
 * into "lunch".
 */
export const longTermsOnly = (term: string): number | false => (term.length >= 8 ? 0.15 : false);

const processTerm = (term: string): string | null => {
  const [word] = words(term);
  return word ? stem(word) : null;
};

/**
 * Lexical retrieval over raw channel history (BM25 via MiniSearch), one index per channel, built
 * on first use (or warmed after a pass) and kept current by ingest. Text is not stored in the
 * index: hits are ids, read back from the store, so a deleted message leaves nothing behind here.
 */
export class HistoryIndex {
  private readonly indexes = new Map<ChannelKey, Promise<MiniSearch<IndexedMessage>>>();

  constructor(private readonly store: Store) {}

  private create(): MiniSearch<IndexedMessage> {
    return new MiniSearch<IndexedMessage>({
      fields: ['text'],
      storeFields: ['ts'],
      processTerm,
      searchOptions: { fuzzy: longTermsOnly, prefix: true, combineWith: 'OR' },
    });
  }

  private load(channel: ChannelKey): Promise<MiniSearch<IndexedMessage>> {
    let index = this.indexes.get(channel);
    if (index) {
      // Map order is insertion order: re-inserting marks the channel most recently used.
      this.indexes.delete(channel);
      this.indexes.set(channel, index);
    } else {
      if (this.indexes.size >= MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
      index = this.store.readMessages(channel, { newest: true, limit: INDEX_WINDOW }).then((messages) => {
        const search = this.create();
        search.addAll(messages.map(toIndexed));
        return search;
      });
      index.catch(() => this.indexes.delete(channel));
      this.indexes.set(channel, index);
    }
    return index;
  }

  /** Builds the channel's index now (sleep time), so the first question does not pay for it. */
  async warm(channel: ChannelKey): Promise<void> {
    await this.load(channel);
  }

  /** Only touches indexes already built: an unbuilt one reads the store when first needed. */
  async add(channel: ChannelKey, message: StoredMessage): Promise<void> {
    const index = this.indexes.get(channel);
    if (!index) return;
    const search = await index;
    if (search.has(message.id)) search.discard(message.id);
    search.add(toIndexed(message));
  }

  async remove(channel: ChannelKey, messageId: string): Promise<void> {
    const index = this.indexes.get(channel);
    if (!index) return;
    const search = await index;
    if (search.has(messageId)) search.discard(messageId);
  }

  async search(channel: ChannelKey, query: string, limit: number): Promise<RetrievedMessage[]> {
    const terms = contentTerms(query);
    if (terms.length === 0) return [];
    const search = await this.load(channel);
    return search
      .search(terms.join(' '))
      .slice(0, limit)
      .map((hit) => ({ id: String(hit.id), ts: hit.ts as number, score: hit.score }));
  }
}

function toIndexed(message: StoredMessage): IndexedMessage {
  return { id: message.id, ts: message.ts, text: message.text };
}

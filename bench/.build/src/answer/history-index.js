import MiniSearch from 'minisearch';
import { contentTerms, words, stem } from '../context/text.js';
/** The newest messages per channel kept searchable in memory; older ones age out of retrieval. */
const INDEX_WINDOW = 50_000;
/**
 * Typos are forgiven only in long words: on short ones an edit distance of one turns "launch"
 * into "lunch".
 */
export const longTermsOnly = (term) => (term.length >= 8 ? 0.15 : false);
const processTerm = (term) => {
    const [word] = words(term);
    return word ? stem(word) : null;
};
/**
 * Lexical retrieval over raw channel history (BM25 via MiniSearch), one index per channel, built
 * on first use (or warmed after a pass) and kept current by ingest. Text is not stored in the
 * index: hits are ids, read back from the store, so a deleted message leaves nothing behind here.
 */
export class HistoryIndex {
    store;
    indexes = new Map();
    constructor(store) {
        this.store = store;
    }
    create() {
        return new MiniSearch({
            fields: ['text'],
            storeFields: ['ts'],
            processTerm,
            searchOptions: { fuzzy: longTermsOnly, prefix: true, combineWith: 'OR' },
        });
    }
    load(channel) {
        let index = this.indexes.get(channel);
        if (!index) {
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
    async warm(channel) {
        await this.load(channel);
    }
    /** Only touches indexes already built: an unbuilt one reads the store when first needed. */
    async add(channel, message) {
        const index = this.indexes.get(channel);
        if (!index)
            return;
        const search = await index;
        if (search.has(message.id))
            search.discard(message.id);
        search.add(toIndexed(message));
    }
    async remove(channel, messageId) {
        const index = this.indexes.get(channel);
        if (!index)
            return;
        const search = await index;
        if (search.has(messageId))
            search.discard(messageId);
    }
    async search(channel, query, limit) {
        const terms = contentTerms(query);
        if (terms.length === 0)
            return [];
        const search = await this.load(channel);
        return search
            .search(terms.join(' '))
            .slice(0, limit)
            .map((hit) => ({ id: String(hit.id), ts: hit.ts, score: hit.score }));
    }
}
function toIndexed(message) {
    return { id: message.id, ts: message.ts, text: message.text };
}

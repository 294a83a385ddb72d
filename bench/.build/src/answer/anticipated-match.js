import MiniSearch from 'minisearch';
import { contentTerms, isQuestionLike, stem, termSetSimilarity, words } from '../context/text.js';
import { longTermsOnly } from './history-index.js';
import { EMBEDDING_STRONG_MATCH } from './semantic-match.js';
/** At or above this, a question is taken to be the anticipated one (cached path). */
export const STRONG_MATCH = 0.6;
const processTerm = (term) => {
    const [word] = words(term);
    return word ? stem(word) : null;
};
/**
 * Finds the anticipated questions nearest to a question. MiniSearch (BM25, fuzzy, prefix) picks
 * candidates; a normalised term-set similarity decides how strong the match is, since BM25 scores
 * do not compare across channels or contexts. Indexes are cached per learned-context version.
 */
export class AnticipatedIndex {
    cache = new Map();
    indexFor(learned) {
        const cached = this.cache.get(learned.channel);
        if (cached && cached.version === learned.version)
            return cached.search;
        const search = new MiniSearch({
            fields: ['text'],
            processTerm,
            searchOptions: { fuzzy: longTermsOnly, prefix: true, combineWith: 'OR' },
        });
        search.addAll(learned.questions.filter((q) => !q.stale).map((q) => ({ id: q.id, text: q.question })));
        this.cache.set(learned.channel, { version: learned.version, search });
        return search;
    }
    nearest(question, contexts, limit = 3) {
        const terms = contentTerms(question);
        if (terms.length === 0)
            return [];
        const matches = [];
        for (const learned of contexts) {
            const byId = new Map(learned.questions.map((q) => [q.id, q]));
            for (const hit of this.indexFor(learned).search(terms.join(' ')).slice(0, limit)) {
                const candidate = byId.get(String(hit.id));
                if (!candidate)
                    continue;
                matches.push({ question: candidate, learned, similarity: termSetSimilarity(terms, contentTerms(candidate.question)) });
            }
        }
        return matches.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
    }
}
/** Strong enough to serve the prepared answer as it is (the cached path). */
export function isStrongMatch(match) {
    return match.similarity >= STRONG_MATCH || (match.semantic ?? 0) >= EMBEDDING_STRONG_MATCH;
}
/**
 * Whether messages that arrived after the pass may change a prepared answer: one that shares
 * most of the question's content words, or the specific terms the answer rests on, is treated as
 * touching it, and the warm path re-checks instead of serving the cached answer.
 */
export function touchedSince(match, newer, ignore = new Set()) {
    const questionTerms = new Set(contentTerms(match.question.question));
    if (questionTerms.size === 0)
        return false;
    const needed = Math.max(2, Math.ceil(questionTerms.size * 0.5));
    return newer.some((message) => {
        // The question being answered, and people asking it again, change nothing; a question that
        // carries a number or date ("is it still the 21st?") might, so it still counts.
        if (ignore.has(message.id) || (isQuestionLike(message.text) && !/\d/.test(message.text)))
            return false;
        let shared = 0;
        for (const term of new Set(contentTerms(message.text)))
            if (questionTerms.has(term))
                shared++;
        return shared >= Math.min(needed, questionTerms.size);
    });
}

import MiniSearch from 'minisearch';
import type { AnticipatedQuestion, LearnedContext, StoredMessage } from '../core/types.js';
import { contentTerms, isQuestionLike, stem, termSetSimilarity, words } from '../context/text.js';
import { longTermsOnly } from './history-index.js';
import { EMBEDDING_STRONG_MATCH } from './semantic-match.js';

export interface AnticipatedMatch {
  question: AnticipatedQuestion;
  learned: LearnedContext;
  /** Cosine of the two questions' content-word sets, 0..1. */
  similarity: number;
  /** Cosine of the two questions' embeddings, when embeddings are configured. */
  semantic?: number;
}

/** At or above this, a question is taken to be the anticipated one (cached path). */
export const STRONG_MATCH = 0.6;

const processTerm = (term: string): string | null => {
  const [word] = words(term);
  return word ? stem(word) : null;
};

/**
 * Finds the anticipated questions nearest to a question. MiniSearch (BM25, fuzzy, prefix) picks
 * candidates; a normalised term-set similarity decides how strong the match is, since BM25 scores
 * do not compare across channels or contexts. Indexes are cached per learned-context version.
 */
export class AnticipatedIndex {
  private readonly cache = new Map<string, { version: number; search: MiniSearch<{ id: string; text: string }> }>();

  private indexFor(learned: LearnedContext): MiniSearch<{ id: string; text: string }> {
    const cached = this.cache.get(learned.channel);
    if (cached && cached.version === learned.version) return cached.search;
    const search = new MiniSearch<{ id: string; text: string }>({
      fields: ['text'],
      processTerm,
      searchOptions: { fuzzy: longTermsOnly, prefix: true, combineWith: 'OR' },
    });
    search.addAll(learned.questions.filter((q) => !q.stale).map((q) => ({ id: q.id, text: q.question })));
    this.cache.set(learned.channel, { version: learned.version, search });
    return search;
  }

  nearest(question: string, contexts: readonly LearnedContext[], limit = 3): AnticipatedMatch[] {
    const terms = contentTerms(question);
    if (terms.length === 0) return [];
    const matches: AnticipatedMatch[] = [];
    for (const learned of contexts) {
      const byId = new Map(learned.questions.map((q) => [q.id, q]));
      for (const hit of this.indexFor(learned).search(terms.join(' ')).slice(0, limit)) {
        const candidate = byId.get(String(hit.id));
        if (!candidate) continue;
        matches.push({ question: candidate, learned, similarity: termSetSimilarity(terms, contentTerms(candidate.question)) });
      }
    }
    return matches.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}

/** Strong enough to serve the prepared answer as it is (the cached path). */
export function isStrongMatch(match: AnticipatedMatch): boolean {
  return match.similarity >= STRONG_MATCH || (match.semantic ?? 0) >= EMBEDDING_STRONG_MATCH;
}

/**
 * Whether messages that arrived after the pass may change a prepared answer: one that shares
 * most of the question's content words, or the specific terms the answer rests on, is treated as
 * touching it, and the warm path re-checks instead of serving the cached answer.
 */
export function touchedSince(
  match: AnticipatedMatch,
  newer: readonly StoredMessage[],
  ignore: ReadonlySet<string> = new Set(),
): boolean {
  const questionTerms = new Set(contentTerms(match.question.question));
  if (questionTerms.size === 0) return false;
  const needed = Math.min(questionTerms.size, Math.max(2, Math.ceil(questionTerms.size * 0.5)));
  const subject = new Set([...questionTerms, ...contentTerms(match.question.answer)]);
  const knownNumbers = new Set(match.question.answer.match(/\d+/g) ?? []);
  return newer.some((message) => {
    if (ignore.has(message.id)) return false;
    const terms = contentTerms(message.text);
    const numbers = message.text.match(/\d+/g) ?? [];
    const hasNumber = numbers.length > 0;
    // People asking the question again change nothing; a question that brings a number the
    // prepared answer does not have ("or did it move to the 28th?") might.
    if (isQuestionLike(message.text) && !numbers.some((n) => !knownNumbers.has(n))) return false;
    let shared = 0;
    let aboutSubject = 0;
    for (const term of new Set(terms)) {
      if (questionTerms.has(term)) shared++;
      if (subject.has(term)) aboutSubject++;
    }
    if (shared < needed) return false;
    // Naming the subject is not enough ("launch party was fun"): it must bring a number or date,
    // or say more about what the prepared answer says.
    return hasNumber || aboutSubject >= 2;
  });
}

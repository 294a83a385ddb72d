import MiniSearch from 'minisearch';
import type { AnticipatedQuestion, LearnedContext } from '../core/types.js';
import { stem, termSetSimilarity, words } from '../context/text.js';
import { longTermsOnly } from './history-index.js';
import { asksOtherKind, matchTerms, timeFrame } from './question-terms.js';

/** A prepared answer that may fit a question, with everything the fit is decided on. */
export interface AnticipatedMatch {
  question: AnticipatedQuestion;
  learned: LearnedContext;
  /** Best term-set cosine of the asked question to the prepared question or one of its paraphrases, 0..1. */
  similarity: number;
  /** The prepared wording (question or paraphrase) that matched best. */
  wording: string;
  /**
   * Best term-set cosine to one of the look-alikes the pass wrote (questions this answer must not
   * get), counting only look-alikes whose own distinguishing words (those in none of the prepared
   * wordings: "party", "before", "Enterprise") the question uses.
   */
  lookalike: number;
  /** Content words of the asked question found in none of the prepared wordings nor the subject. */
  unexplained: string[];
  /** The asked question is about another time than the prepared one ("was first proposed" vs "is"). */
  otherTime: boolean;
  /** The question wants another kind of answer than every prepared wording ("who sends" vs "when"). */
  otherKind: boolean;
  /** Best embedding cosine to the question or a paraphrase, when embeddings are configured. */
  semantic?: number;
  /** Best embedding cosine to a look-alike, when embeddings are configured. */
  semanticLookalike?: number;
}

type Doc = { id: string; question: string; text: string };

const processTerm = (term: string): string | null => {
  const [word] = words(term);
  return word ? stem(word) : null;
};

/**
 * Finds the prepared answers nearest to a question. MiniSearch (BM25, fuzzy, prefix) picks
 * candidates over every wording a pass wrote (question, paraphrases, subject); then each
 * candidate is scored on one normalised scale against all its wordings and its look-alikes, since
 * BM25 scores do not compare across channels. Indexes are cached per learned-context version:
 * they hold a channel's few dozen prepared questions, never its history, and the cache is bounded
 * (a DM ranks every channel the asker can read).
 */
export class AnticipatedIndex {
  private readonly cache = new Map<string, { version: number; search: MiniSearch<Doc> }>();

  /** @param cachedAtMost channels whose index is kept (least recently used dropped first) */
  constructor(private readonly cachedAtMost = 512) {}

  private indexFor(learned: LearnedContext): MiniSearch<Doc> {
    const cached = this.cache.get(learned.channel);
    // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
    this.cache.delete(learned.channel);
    if (cached && cached.version === learned.version) {
      this.cache.set(learned.channel, cached);
      return cached.search;
    }
    const search = new MiniSearch<Doc>({
      fields: ['text'],
      storeFields: ['question'],
      processTerm,
      searchOptions: { fuzzy: longTermsOnly, prefix: true, combineWith: 'OR' },
    });
    const docs: Doc[] = [];
    for (const q of learned.questions.filter((q) => !q.stale)) {
      [q.question, ...(q.paraphrases ?? []), q.subject ?? ''].forEach((text, i) => {
        if (text) docs.push({ id: `${q.id}/${i}`, question: q.id, text });
      });
    }
    search.addAll(docs);
    this.cache.set(learned.channel, { version: learned.version, search });
    if (this.cache.size > this.cachedAtMost) this.cache.delete(this.cache.keys().next().value!);
    return search;
  }

  nearest(question: string, contexts: readonly LearnedContext[], limit = 3): AnticipatedMatch[] {
    const terms = matchTerms(question);
    if (terms.length === 0) return [];
    const matches: AnticipatedMatch[] = [];
    for (const learned of contexts) {
      const byId = new Map(learned.questions.map((q) => [q.id, q]));
      const seen = new Set<string>();
      for (const hit of this.indexFor(learned).search(terms.join(' '))) {
        const id = String(hit['question']);
        const candidate = byId.get(id);
        if (!candidate || seen.has(id)) continue;
        seen.add(id);
        matches.push(scoreMatch(question, candidate, learned));
        if (seen.size >= limit * 2) break;
      }
    }
    return matches.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}

/**
 * How close the channel's nearest prepared question (or one of its paraphrases) comes to the
 * question, 0..1, by the same term-set measure as scoreMatch, without building an index: for
 * ranking the hundreds of channels of a wide scope, each seen once.
 */
export function bestSimilarity(asked: string, learned: LearnedContext): number {
  const terms = matchTerms(asked);
  if (terms.length === 0) return 0;
  let best = 0;
  for (const question of learned.questions) {
    if (question.stale) continue;
    for (const wording of [question.question, ...(question.paraphrases ?? [])]) best = Math.max(best, termSetSimilarity(terms, matchTerms(wording)));
  }
  return best;
}

/** Scores one prepared answer against an asked question (lexically; embeddings are added apart). */
export function scoreMatch(asked: string, question: AnticipatedQuestion, learned: LearnedContext): AnticipatedMatch {
  const terms = matchTerms(asked);
  let similarity = 0;
  let wording = question.question;
  for (const candidate of [question.question, ...(question.paraphrases ?? [])]) {
    const score = termSetSimilarity(terms, matchTerms(candidate));
    if (score > similarity) {
      similarity = score;
      wording = candidate;
    }
  }
  const known = new Set([question.question, ...(question.paraphrases ?? []), question.subject ?? ''].flatMap(matchTerms));
  const askedTerms = new Set(terms);
  const lookalike = Math.max(
    0,
    ...(question.lookalikes ?? []).map((l) => {
      const lookTerms = matchTerms(l);
      const distinguishing = lookTerms.filter((term) => !known.has(term));
      const applies = distinguishing.length === 0 || distinguishing.some((term) => askedTerms.has(term));
      return applies ? termSetSimilarity(terms, lookTerms) : 0;
    }),
  );
  return {
    question,
    learned,
    similarity,
    wording,
    lookalike,
    unexplained: [...new Set(terms.filter((term) => !known.has(term)))],
    otherTime: timeFrame(asked) !== timeFrame(question.question),
    otherKind: asksOtherKind(asked, [question.question, ...(question.paraphrases ?? [])]),
  };
}

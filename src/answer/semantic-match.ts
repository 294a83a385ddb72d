import type { LearnedContext } from '../core/types.js';
import type { AnticipatedMatch } from './anticipated-match.js';

/** Cosine at or above which two questions are taken to ask the same thing. */
export const EMBEDDING_STRONG_MATCH = 0.85;

export function cosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Whether any context carries embeddings (so embedding the question is worth a call). */
export function hasEmbeddings(contexts: readonly LearnedContext[]): boolean {
  return contexts.some((c) => c.questions.some((q) => q.embedding?.length));
}

/**
 * Adds embedding similarity to lexical matches: rephrasings that share no words ("how much do we
 * have for it" vs "what is the budget") are found by meaning. The question's vectors were computed
 * at sleep time; only the asked question is embedded now.
 */
export function withSemantic(
  lexical: readonly AnticipatedMatch[],
  contexts: readonly LearnedContext[],
  queryVector: readonly number[],
  limit: number,
): AnticipatedMatch[] {
  const byId = new Map(lexical.map((m) => [`${m.learned.channel}/${m.question.id}`, m]));
  for (const learned of contexts) {
    for (const question of learned.questions) {
      if (!question.embedding?.length || question.stale) continue;
      const semantic = cosine(queryVector, question.embedding);
      const key = `${learned.channel}/${question.id}`;
      const known = byId.get(key);
      byId.set(key, known ? { ...known, semantic } : { question, learned, similarity: 0, semantic });
    }
  }
  return [...byId.values()].sort((a, b) => strength(b) - strength(a)).slice(0, limit);
}

/** One scale for ordering: a strong embedding match ranks like a strong lexical one. */
export function strength(match: AnticipatedMatch): number {
  const semantic = match.semantic === undefined ? 0 : (match.semantic / EMBEDDING_STRONG_MATCH) * 0.6;
  return Math.max(match.similarity, semantic);
}

import type { LearnedContext } from '../core/types.js';
import { scoreMatch, type AnticipatedMatch } from './anticipated-match.js';

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

const best = (query: readonly number[], vectors: readonly (readonly number[])[]) =>
  Math.max(0, ...vectors.map((v) => cosine(query, v)));

/**
 * Adds embedding similarity to lexical matches: rephrasings that share no words ("how much do we
 * have for it" vs "what is the budget") are found by meaning. The prepared question's vectors
 * (and its paraphrases' and look-alikes') were computed at sleep time; only the asked question
 * is embedded now. Embeddings rank candidates and can send one to be checked; they never serve
 * a prepared answer alone, since a look-alike ("when is the launch party?") embeds close too.
 */
export function withSemantic(
  asked: string,
  lexical: readonly AnticipatedMatch[],
  contexts: readonly LearnedContext[],
  queryVector: readonly number[],
  limit: number,
): AnticipatedMatch[] {
  const byId = new Map(lexical.map((m) => [`${m.learned.channel}/${m.question.id}`, m]));
  for (const learned of contexts) {
    for (const question of learned.questions) {
      if (!question.embedding?.length || question.stale) continue;
      const semantic = best(queryVector, [question.embedding, ...(question.paraphraseEmbeddings ?? [])]);
      const semanticLookalike = best(queryVector, question.lookalikeEmbeddings ?? []);
      const key = `${learned.channel}/${question.id}`;
      const known = byId.get(key) ?? scoreMatch(asked, question, learned);
      byId.set(key, { ...known, semantic, semanticLookalike });
    }
  }
  return [...byId.values()].sort((a, b) => strength(b) - strength(a)).slice(0, limit);
}

/** One scale for ordering lexical and embedding matches (cosines of embeddings run higher). */
export function strength(match: AnticipatedMatch): number {
  const semantic = match.semantic === undefined ? 0 : Math.max(0, (match.semantic - 0.5) / 0.5);
  return Math.max(match.similarity, semantic);
}

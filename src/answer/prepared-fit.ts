import type { AnticipatedMatch } from './anticipated-match.js';
import { matchTerms, subjectTerms } from './question-terms.js';

/**
 * Whether a prepared answer fits a question: `serve` it with no model call, `check` it on the
 * answer model first (the verified path), or `none` (answer warm). Precision comes before speed:
 * only a question that asks the same thing (same subject, same attribute, same time frame, no
 * word the prepared wordings do not account for) is served unchecked.
 */
export type Fit = 'serve' | 'check' | 'none';

export const FitThresholds = {
  /** Term-set cosine to a prepared wording at or above which a question may be served unchecked. */
  serve: 0.8,
  /** Term-set cosine at or above which a prepared answer is worth checking. */
  check: 0.4,
  /** Embedding cosine at or above which a prepared answer is worth checking. */
  semanticCheck: 0.75,
  /** A look-alike must trail the best wording by this much for the answer to be served unchecked. */
  lookalikeMargin: 0.15,
} as const;

export function fitOf(asked: string, match: AnticipatedMatch): Fit {
  if (match.question.stale || match.learned.source !== 'model') return 'none';
  // "Who sends the invoices?" is not "When do invoices go out?", however many words they share.
  if (match.otherKind) return 'none';
  // Closer to a question the pass said this answer must not get than to any wording it fits.
  if (match.lookalike >= 0.5 && match.lookalike > match.similarity) return 'none';
  const semanticLookalike = match.semantic !== undefined && (match.semanticLookalike ?? 0) > match.semantic;
  if (semanticLookalike && match.similarity < FitThresholds.serve) return 'none';

  const askedTerms = new Set(matchTerms(asked));
  const specificWording = [...subjectTerms({ question: match.wording })];
  const sameWords =
    match.similarity >= FitThresholds.serve &&
    match.unexplained.length === 0 &&
    specificWording.every((term) => askedTerms.has(term));
  if (sameWords && !match.otherTime && !semanticLookalike && match.lookalike <= match.similarity - FitThresholds.lookalikeMargin) {
    return 'serve';
  }
  // Worth a check only when the question names the prepared answer's subject (not just "date"
  // or "owner"), or its meaning is close.
  const namesSubject = [...subjectTerms(match.question)].some((term) => askedTerms.has(term));
  if ((match.similarity >= FitThresholds.check && namesSubject) || (match.semantic ?? 0) >= FitThresholds.semanticCheck) return 'check';
  return 'none';
}

import type { PlantedFact } from '../../examples/generator/synthetic-facts.js';

/**
 * The question set. Every planted fact is asked in its ground-truth wording, which a pass that
 * saw the fact anticipates word for word; eight are also asked in a paraphrase that shares almost
 * no content words with it, which no prepared answer matches. 12 of 20 questions (60%) are thus
 * the kind a pass anticipates; whether each really goes down the cached path is measured, not
 * assumed (a pass may not have seen the fact, or newer messages may touch it).
 */
export const Paraphrases: Readonly<Record<string, string>> = {
  'all-hands': 'Which day of the month is the company meeting, and what time?',
  'billing-owner': 'Whom do I ping about an invoice or Stripe webhook bug?',
  'enterprise-sla': 'How quickly must we reply to an Enterprise ticket?',
  'launch-date': 'What day does the new version ship?',
  'pro-price': 'What do we charge per seat for the Pro tier?',
  'checkout-p95': 'How fast is checkout at the 95th percentile now?',
  'incident-cause': 'Why did payments fail during that outage?',
  'postgres-upgrade': 'When is the database maintenance window?',
};

export type Phrasing = 'anticipated' | 'paraphrase';

export interface BenchQuestion {
  /** The taught fact it asks for. */
  factId: string;
  /** Channel (key and Slack id) it is asked in: the one that holds the answer. */
  channelKey: string;
  channelId: string;
  text: string;
  phrasing: Phrasing;
  mustContain: string[];
  forbidden: string[];
}

/** Share of the set worded as a pass anticipates it, by design. */
export function designedAnticipatedShare(questions: readonly BenchQuestion[]): number {
  return questions.length ? questions.filter((q) => q.phrasing === 'anticipated').length / questions.length : 0;
}

/** The wordings of one fact, ground truth first. */
export function wordingsOf(fact: PlantedFact): { text: string; phrasing: Phrasing }[] {
  const paraphrase = Paraphrases[fact.id];
  return [{ text: fact.question, phrasing: 'anticipated' }, ...(paraphrase ? [{ text: paraphrase, phrasing: 'paraphrase' as const }] : [])];
}

/** Whether an answer's text is right: every required string there, no forbidden one. */
export function isCorrect(text: string, question: Pick<BenchQuestion, 'mustContain' | 'forbidden'>): boolean {
  const lower = text.toLowerCase();
  return question.mustContain.every((s) => lower.includes(s.toLowerCase())) && !question.forbidden.some((s) => lower.includes(s.toLowerCase()));
}

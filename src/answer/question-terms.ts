import type { AnticipatedQuestion } from '../core/types.js';
import { contentTerms, words } from '../context/text.js';

/**
 * What matching compares questions by: content words with their inflection folded a little
 * further than `stem` does ("owned"/"owner"/"owns" all meet "own", "shipping" meets "ship"), so a
 * rewording is recognised; and a question's time frame, which content words miss because
 * "was", "did" and "will" are stop words.
 */
export function matchTerms(text: string): string[] {
  return contentTerms(text).map(fold);
}

function fold(term: string): string {
  for (const suffix of ['ing', 'ed', 'er']) {
    if (term.length > suffix.length + 2 && term.endsWith(suffix)) {
      const base = term.slice(0, -suffix.length);
      // "shipp" -> "ship", "planned" -> "plan"; not "fall" -> "fal".
      return /([b-df-hj-np-tv-z])\1$/.test(base) && !/(ll|ss|ff|zz)$/.test(base) ? base.slice(0, -1) : base;
    }
  }
  return term;
}

const PAST = new Set(['was', 'were', 'did', 'had', 'used', 'before', 'previously', 'previous', 'originally', 'original', 'initially', 'formerly', 'former', 'earlier', 'ago', 'prior', 'first', 'old', 'last', 'yesterday']);
/**
 * 'past' when a question asks how things were ("who owned billing before", "when was it first
 * proposed"), else 'current': "when is the launch" and "when will we launch" ask the same.
 */
export function timeFrame(text: string): 'past' | 'current' {
  return words(text).some((w) => PAST.has(w)) ? 'past' : 'current';
}

/**
 * Words that name what is asked about a subject rather than the subject itself: "the launch
 * date" and "the launch party" share "launch", not "date". A newer message is about a prepared
 * answer's subject when it shares one of the other words.
 */
const ATTRIBUTE_WORDS = new Set(
  'date day time when owner own much many cost price amount number total status new current now next last first plan team people thing update'
    .split(' ')
    .map(fold),
);

/** The words that say what a prepared answer is about: its subject and question, less attribute words. */
export function subjectTerms(question: Pick<AnticipatedQuestion, 'question' | 'subject'>): Set<string> {
  const all = new Set([...matchTerms(question.subject ?? ''), ...matchTerms(question.question)]);
  const specific = [...all].filter((term) => !ATTRIBUTE_WORDS.has(term));
  return new Set(specific.length ? specific : all);
}

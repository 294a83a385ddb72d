import type { AnticipatedQuestion } from '../core/types.js';
import { contentTerms, words } from '../context/text.js';

/**
 * What matching compares questions by: content words with their inflection folded a little
 * further than `stem` does ("owned"/"owner"/"owns" all meet "own", "shipping" meets "ship"), so a
 * rewording is recognised; and a question's time frame, which content words miss because
 * "was", "did" and "will" are stop words.
 */
export function matchTerms(text: string): string[] {
  // A hyphenated word counts as its parts: "on-call" meets "on call", "sign-off" meets "sign off".
  const spaced = text.replace(/([a-z0-9])-(?=[a-z0-9])/gi, '$1 ');
  // A lone letter is what is left of "what's" and "when's".
  return [...new Set(contentTerms(spaced).filter((term) => !/^[a-z]$/.test(term)).map(fold))];
}

function fold(term: string): string {
  let base = term;
  for (const suffix of ['ing', 'ed', 'er']) {
    if (base.length > suffix.length + 1 && base.endsWith(suffix)) {
      base = base.slice(0, -suffix.length);
      // "shipp" -> "ship", "planned" -> "plan"; not "fall" -> "fal".
      if (/([b-df-hj-np-tv-z])\1$/.test(base) && !/(ll|ss|ff|zz)$/.test(base)) base = base.slice(0, -1);
      break;
    }
  }
  // "celebrate" meets "celebrating", "use" meets "using".
  return base.length > 2 && base.endsWith('e') ? base.slice(0, -1) : base;
}

/**
 * What kind of answer a question wants, from its question words: "who" wants a person, "when" a
 * time, "how much" a quantity. "What" and "which" can want anything ("what date", "which team").
 */
export function askKinds(text: string): Set<string> {
  const lower = ` ${text.toLowerCase().replace(/[^a-z' ]+/g, ' ')} `;
  const kinds = new Set<string>();
  if (/ (who|whom|whose|who's)\b/.test(lower)) kinds.add('person');
  if (/ (when|when's)\b/.test(lower)) kinds.add('time');
  if (/ (where|where's)\b/.test(lower)) kinds.add('place');
  if (/ why\b/.test(lower)) kinds.add('reason');
  if (/ how (much|many)\b/.test(lower)) kinds.add('quantity');
  else if (/ how\b/.test(lower)) kinds.add('manner');
  if (/ (what|which|what's)\b/.test(lower)) kinds.add('any');
  return kinds;
}

/** Whether an asked question wants a kind of answer none of the prepared wordings give. */
export function asksOtherKind(asked: string, wordings: readonly string[]): boolean {
  const wanted = [...askKinds(asked)].filter((kind) => kind !== 'any');
  if (wanted.length === 0 || askKinds(asked).has('any')) return false;
  const given = new Set(wordings.flatMap((w) => [...askKinds(w)]));
  return !wanted.some((kind) => given.has(kind));
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
  'date day time when owner own much many cost price amount number total status new current currently now right today still next last first plan team people thing update'
    .split(' ')
    .map(fold),
);

/** The words that say what a prepared answer is about: its subject and question, less attribute words. */
export function subjectTerms(question: Pick<AnticipatedQuestion, 'question' | 'subject'>): Set<string> {
  const all = new Set([...matchTerms(question.subject ?? ''), ...matchTerms(question.question)]);
  const specific = [...all].filter((term) => !ATTRIBUTE_WORDS.has(term));
  return new Set(specific.length ? specific : all);
}

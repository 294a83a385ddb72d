import type { AnticipatedQuestion, StoredMessage } from '../core/types.js';
import { isQuestionLike, termSetSimilarity } from '../context/text.js';
import { matchTerms, subjectTerms } from './question-terms.js';

/** How much of each cited message names the subject (a pasted log must not make everything touch). */
const EVIDENCE_CHARS = 300;

/** Words that say something changed; a question carrying one is news, not a repeat. */
const CHANGE = /\b(mov(e|ed|es|ing)|postpon\w*|cancel\w*|delay\w*|slip\w*|push(ed)? (back|out)|no longer|instead|chang\w*|actually|now|replac\w*|switch\w*|reassign\w*|hand(ed)? (over|off)|not anymore|scrap\w*|drop\w*|revert\w*|left|leaving|correction|update[ds]?)\b/i;

/**
 * The messages since a pass that bear on a prepared answer's subject: any that names it (the
 * words of its subject, question, paraphrases, answer and cited messages, less attribute words
 * such as "date" or "owner"), and any reply in a
 * thread the answer cites. Staleness is judged by subject, not by digits: "Billing moved to the
 * finance team." changes "Who owns billing?" without a number. People asking the same question
 * again change nothing, unless they bring a number or a word of change.
 */
export function touchingSince(
  prepared: Pick<AnticipatedQuestion, 'question' | 'subject' | 'paraphrases' | 'answer' | 'citations'>,
  newer: readonly StoredMessage[],
  ignore: ReadonlySet<string> = new Set(),
  evidence: readonly string[] = [],
): StoredMessage[] {
  // The paraphrases name the subject in other words, and the answer and the messages it rests on
  // name what it is about in the channel's own: "Swap: Lena takes the pager from Omar" touches
  // "Who is on call?" answered from "On-call this week: Omar has the pager."
  const subject = new Set(
    [prepared.question, ...(prepared.paraphrases ?? []), prepared.answer, ...evidence.map((text) => text.slice(0, EVIDENCE_CHARS))]
      .flatMap((question) => [...subjectTerms({ question, subject: prepared.subject })]),
  );
  const wordings = [prepared.question, ...(prepared.paraphrases ?? [])].map(matchTerms);
  const cited = new Set(prepared.citations);
  const knownNumbers = new Set(prepared.answer.match(/\d+/g) ?? []);
  return newer.filter((message) => {
    if (ignore.has(message.id)) return false;
    if (message.threadId && cited.has(message.threadId)) return true;
    const terms = matchTerms(message.text);
    if (!terms.some((term) => subject.has(term))) return false;
    const repeat =
      isQuestionLike(message.text) &&
      !CHANGE.test(message.text) &&
      (message.text.match(/\d+/g) ?? []).every((n) => knownNumbers.has(n)) &&
      wordings.some((wording) => termSetSimilarity(terms, wording) >= 0.5);
    return !repeat;
  });
}

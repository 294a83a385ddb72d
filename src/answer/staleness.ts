import type { AnticipatedQuestion, StoredMessage } from '../core/types.js';
import { isQuestionLike, termSetSimilarity } from '../context/text.js';
import { matchTerms, subjectTerms } from './question-terms.js';

/** Words that say something changed; a question carrying one is news, not a repeat. */
const CHANGE = /\b(mov(e|ed|es|ing)|postpon\w*|cancel\w*|delay\w*|slip\w*|push(ed)? (back|out)|no longer|instead|chang\w*|actually|now|replac\w*|switch\w*|reassign\w*|hand(ed)? (over|off)|not anymore|scrap\w*|drop\w*|revert\w*|left|leaving|correction|update[ds]?)\b/i;

/**
 * The messages since a pass that bear on a prepared answer's subject: any that names it (the
 * words of its subject, question and paraphrases, less attribute words such as "date" or
 * "owner"), and any reply in a
 * thread the answer cites. Staleness is judged by subject, not by digits: "Billing moved to the
 * finance team." changes "Who owns billing?" without a number. People asking the same question
 * again change nothing, unless they bring a number or a word of change.
 */
export function touchingSince(
  prepared: Pick<AnticipatedQuestion, 'question' | 'subject' | 'paraphrases' | 'answer' | 'citations'>,
  newer: readonly StoredMessage[],
  ignore: ReadonlySet<string> = new Set(),
): StoredMessage[] {
  // The paraphrases name the subject in other words ("who has the pager" for "who is on call").
  const subject = new Set([prepared.question, ...(prepared.paraphrases ?? [])].flatMap((question) => [...subjectTerms({ question, subject: prepared.subject })]));
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

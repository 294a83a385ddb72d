import type { FeedbackReason } from '../core/engine.js';
import type { AnticipatedQuestion, LearnedContext } from '../core/types.js';
import { updateLearned } from '../context/purge.js';
import type { Store } from '../store/store.js';

/** How much of each part goes into the log line the next pass reads. @unit characters */
const QUESTION_CHARS = 200;
const ANSWER_CHARS = 300;
const REASON_CHARS = 400;

/**
 * Keeps a thumbs-down's reason where the channel's next pass reads it (the question log, as
 * `feedback`: the pass shows these in a section of their own), phrased so the model sees the
 * question, the answer judged and what was wrong.
 * The prepared answer the answer came from (by its id, or by its text: same, or amended from) is marked
 * stale with its evidence queued for re-reading: stale prepared answers are never served and are
 * not shown to the pass as settled, so the pass works the question out again.
 */
export async function keepFeedbackReason(store: Store, now: () => number, feedback: FeedbackReason): Promise<{ reviewed: number }> {
  const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const reason = feedback.reason.replace(/\s+/g, ' ').trim();
  await store.logQuestion({
    channel: feedback.channel,
    ts: now(),
    origin: 'feedback',
    messageId: `feedback:${feedback.answerId}:${feedback.user}`,
    text:
      `Marked wrong by a reader: "${clip(feedback.question.trim(), QUESTION_CHARS)}" was answered ` +
      `"${clip(feedback.answer.trim(), ANSWER_CHARS)}"; what was wrong: ${clip(reason || 'no reason given', REASON_CHARS)}`,
  });
  let reviewed = 0;
  // By id when the answer says which prepared answer it came from (it may be another channel's,
  // for an answer in a DM); by its text otherwise (an answer remembered by an older version).
  const { prepared } = feedback;
  await updateLearned(store, prepared?.channel ?? feedback.channel, (current) => {
    const judged = current.questions.filter((q) => !q.stale && (prepared ? q.id === prepared.questionId : cameFrom(feedback.answer, q)));
    reviewed = judged.length;
    return judged.length ? markForReview(current, new Set(judged.map((q) => q.id))) : null;
  });
  return { reviewed };
}

/** Served as is (cached) or amended from it (verified: the prepared text leads the answer). */
function cameFrom(answer: string, question: AnticipatedQuestion): boolean {
  const served = normalise(answer);
  const prepared = normalise(question.answer);
  return prepared.length > 0 && (served === prepared || served.startsWith(prepared) || served.includes(prepared));
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function markForReview(learned: LearnedContext, ids: ReadonlySet<string>): LearnedContext {
  const rework = new Set(learned.rework);
  for (const q of learned.questions) if (ids.has(q.id)) for (const id of q.citations) rework.add(id);
  return {
    ...learned,
    questions: learned.questions.map((q) => (ids.has(q.id) ? { ...q, stale: true } : q)),
    rework: [...rework],
  };
}

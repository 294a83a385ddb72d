import { zeroUsage } from '../core/usage.js';
import type { ChannelKey } from '../core/ids.js';
import type { PassReport } from '../core/engine.js';
import type { AnticipatedQuestion, LearnedContext, StoredMessage } from '../core/types.js';
import { isQuestionLike } from '../context/text.js';
import type { Store } from '../store/store.js';
import { describeChange, emptyLearned } from './learned-update.js';
import { deletedIds } from '../context/purge.js';

/** How much history an offline pass mines. */
const OFFLINE_WINDOW = 20_000;
/** A reply to an unthreaded question counts when it follows within this long. @unit milliseconds */
const ANSWER_GAP_MS = 15 * 60_000;
const MAX_MINED = 200;

/**
 * Mines question-and-answer pairs from the history, with no model: a question-like thread root
 * and the first replies by other people, or a question-like message and the next message from
 * someone else soon after. It is what the embedded default can do honestly without a model.
 */
export function mineQuestions(messages: readonly StoredMessage[]): Omit<AnticipatedQuestion, 'id'>[] {
  const replies = new Map<string, StoredMessage[]>();
  for (const message of messages) {
    if (!message.threadId) continue;
    const list = replies.get(message.threadId) ?? [];
    list.push(message);
    replies.set(message.threadId, list);
  }
  const mined: Omit<AnticipatedQuestion, 'id'>[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.threadId || message.bot || !isQuestionLike(message.text)) continue;
    let answers = (replies.get(message.id) ?? []).filter((reply) => reply.user !== message.user && !reply.bot).slice(0, 2);
    if (answers.length === 0) {
      const next = messages.slice(index + 1, index + 4).find((m) => !m.threadId && m.user !== message.user && !m.bot);
      if (next && next.ts - message.ts <= ANSWER_GAP_MS && !isQuestionLike(next.text)) answers = [next];
    }
    if (answers.length === 0) continue;
    mined.push({
      question: message.text.trim(),
      answer: answers.map((a) => `${a.userName ?? a.user}: ${a.text.trim()}`).join('\n'),
      citations: [message.id, ...answers.map((a) => a.id)],
      // A past answer is evidence, not a verified answer: say so in the confidence.
      confidence: 0.5,
    });
  }
  return mined.slice(-MAX_MINED);
}

export async function runOfflinePass(
  store: Store,
  channel: ChannelKey,
  now: () => number,
): Promise<PassReport> {
  const started = now();
  const previous = (await store.getLearned(channel)) ?? { ...emptyLearned(channel, started), source: 'offline' as const };
  const messages = await store.readMessages(channel, { newest: true, limit: OFFLINE_WINDOW });
  const last = messages.at(-1);
  if (previous.version > 0 && (!last || (previous.watermark && last.ts <= previous.watermark.ts && last.id === previous.watermark.id)) && previous.rework.length === 0) {
    return { channel, status: 'skipped', reason: 'nothing new since the last pass', newNotes: 0, changedNotes: 0, droppedNotes: 0, anticipated: previous.questions.length, messagesRead: 0, tokens: 0, durationMs: now() - started, highlights: [] };
  }
  const tombstones = await deletedIds(store, channel);
  const questions = mineQuestions(messages)
    .filter((q) => q.citations.every((id) => !tombstones.has(id)))
    .map((q, i) => ({ ...q, id: `q${i + 1}` }));
  const next: LearnedContext = {
    channel,
    version: previous.version + 1,
    committedAt: now(),
    watermark: last ? { ts: last.ts, id: last.id } : previous.watermark,
    summary: '',
    notes: [],
    questions,
    source: 'offline',
    rework: [],
  };
  await store.commitLearned(next, previous.version);
  await store.record({ channel, ts: now(), phase: 'sleep', usage: zeroUsage(), pass: 'ok' });
  const change = describeChange(previous, next);
  return {
    channel, status: 'ok', ...change, anticipated: questions.length, messagesRead: messages.length,
    tokens: 0, durationMs: now() - started,
    highlights: [`Mined ${questions.length} answered questions from the history (no model configured).`, ...change.highlights.filter((h) => h.startsWith('Ready'))],
  };
}

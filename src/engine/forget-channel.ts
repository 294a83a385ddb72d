import type { ForgetReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { LearnedContext } from '../core/types.js';
import { updateLearned } from '../context/purge.js';
import type { Store } from '../store/store.js';

/** Messages deleted per read; a channel of any size is forgotten in bounded memory. */
const PAGE = 500;
const cutoffKey = (channel: ChannelKey) => `forgotten-before:${channel}`;

export interface ForgetDeps {
  store: Store;
  now: () => number;
  /** Called for each message removed, so in-memory indexes drop it too. */
  onRemoved: (channel: ChannelKey, messageId: string) => Promise<void> | void;
}

/**
 * Drops the channel's stored history, the questions logged there and the learned context (an
 * empty context is committed with a new version, so a pass already running cannot commit over it
 * with what it read before). With `cutoff`, history up to now is not taken in again by a backfill.
 */
export async function forgetChannel(deps: ForgetDeps, channel: ChannelKey, cutoff: boolean): Promise<ForgetReport> {
  const { store } = deps;
  const at = deps.now();
  // Recorded first: a backfill page landing while we delete must not bring messages back.
  if (cutoff) await store.setState(cutoffKey(channel), at);
  else await store.deleteState(cutoffKey(channel));
  let messages = 0;
  for (;;) {
    const page = await store.readMessages(channel, { limit: PAGE });
    if (page.length === 0) break;
    for (const message of page) {
      await store.deleteMessage(channel, message.id, message.ts);
      await deps.onRemoved(channel, message.id);
      messages++;
    }
  }
  const questions = await store.listQuestions(channel, 0, Number.MAX_SAFE_INTEGER);
  for (const id of new Set(questions.flatMap((q) => (q.messageId ? [q.messageId] : [])))) await store.forgetQuestion(channel, id);
  let notes = 0;
  let anticipated = 0;
  await updateLearned(store, channel, (current): LearnedContext => {
    notes = current.notes.length;
    anticipated = current.questions.length;
    return { ...current, committedAt: at, watermark: null, summary: '', notes: [], questions: [], rework: [] };
  });
  return { channel, messages, notes, anticipated, questions: questions.length };
}

/** Messages at or before this time were forgotten and stay out. @unit epoch milliseconds */
export async function forgottenBefore(store: Store, channel: ChannelKey): Promise<number | undefined> {
  return store.getState<number>(cutoffKey(channel));
}

export async function dropForgetCutoff(store: Store, channel: ChannelKey): Promise<void> {
  await store.deleteState(cutoffKey(channel));
}

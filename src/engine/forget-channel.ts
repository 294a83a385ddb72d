import type { ForgetReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { LearnedContext } from '../core/types.js';
import { updateLearned } from '../context/purge.js';
import type { Store } from '../store/store.js';

const cutoffKey = (channel: ChannelKey) => `forgotten-before:${channel}`;

export interface ForgetDeps {
  store: Store;
  now: () => number;
}

export interface ForgetOptions {
  /** History up to now is not taken in again by a backfill (`/mull forget`; not a refill). */
  cutoff: boolean;
  /** The channel's row and member list go too (the purge after Mull was removed). */
  dropChannel?: boolean;
}

/**
 * Drops the channel's stored history, every question logged there and the learned context (an
 * empty context is committed with a new version, so a pass already running cannot commit over it
 * with what it read before).
 */
export async function forgetChannel(deps: ForgetDeps, channel: ChannelKey, { cutoff, dropChannel = false }: ForgetOptions): Promise<ForgetReport> {
  const { store } = deps;
  const at = deps.now();
  // Recorded first: a backfill page landing while we delete must not bring messages back.
  if (cutoff) await store.setState(cutoffKey(channel), at);
  else await store.deleteState(cutoffKey(channel));
  const cleared = await store.clearChannel(channel, { dropChannel });
  let notes = 0;
  let anticipated = 0;
  await updateLearned(store, channel, (current): LearnedContext => {
    notes = current.notes.length;
    anticipated = current.questions.length;
    return { ...current, committedAt: at, watermark: null, summary: '', notes: [], questions: [], rework: [] };
  });
  return { channel, messages: cleared.messages, notes, anticipated, questions: cleared.questions };
}

/** Messages at or before this time were forgotten and stay out. @unit epoch milliseconds */
export async function forgottenBefore(store: Store, channel: ChannelKey): Promise<number | undefined> {
  return store.getState<number>(cutoffKey(channel));
}

export async function dropForgetCutoff(store: Store, channel: ChannelKey): Promise<void> {
  await store.deleteState(cutoffKey(channel));
}

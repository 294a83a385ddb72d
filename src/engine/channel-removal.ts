import type { ChannelKey } from '../core/ids.js';
import type { Store } from '../store/store.js';

/**
 * Which channels Mull has been removed from, and since when: one small state value, read by the
 * purge sweep and by the pass gate. A list rather than a key per channel because the sweep must
 * find them all and `Store` has no key listing.
 */
const REMOVED_KEY = 'channels-removed';

export type RemovedChannels = Record<ChannelKey, number>;

export async function removedChannels(store: Store): Promise<RemovedChannels> {
  return (await store.getState<RemovedChannels>(REMOVED_KEY)) ?? {};
}

/** Marks a channel removed at `at`; a second removal keeps the first time (the grace period does not restart). */
export async function markRemoved(store: Store, channel: ChannelKey, at: number): Promise<void> {
  const removed = await removedChannels(store);
  if (removed[channel] !== undefined) return;
  await store.setState(REMOVED_KEY, { ...removed, [channel]: at });
}

export async function clearRemoved(store: Store, channel: ChannelKey): Promise<void> {
  const removed = await removedChannels(store);
  if (removed[channel] === undefined) return;
  const { [channel]: _gone, ...rest } = removed;
  await store.setState(REMOVED_KEY, rest);
}

/** Channels whose grace period is over at `now`. */
export function duePurges(removed: RemovedChannels, now: number, graceMs: number): ChannelKey[] {
  return Object.entries(removed)
    .filter(([, at]) => now - at >= graceMs)
    .map(([channel]) => channel);
}

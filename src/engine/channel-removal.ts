import type { ChannelKey } from '../core/ids.js';
import type { Store } from '../store/store.js';

export type RemovedChannels = Record<ChannelKey, number>;

/** Which channels Mull has been removed from, and since when: read by the purge sweep and the pass gate. */
export function removedChannels(store: Store): Promise<RemovedChannels> {
  return store.removedChannels();
}

/** Marks a channel removed at `at`; a second removal keeps the first time (the grace period does not restart). */
export function markRemoved(store: Store, channel: ChannelKey, at: number): Promise<void> {
  return store.markChannelRemoved(channel, at);
}

export function clearRemoved(store: Store, channel: ChannelKey): Promise<void> {
  return store.clearChannelRemoved(channel);
}

/** Channels whose grace period is over at `now`. */
export function duePurges(removed: RemovedChannels, now: number, graceMs: number): ChannelKey[] {
  return Object.entries(removed)
    .filter(([, at]) => now - at >= graceMs)
    .map(([channel]) => channel);
}

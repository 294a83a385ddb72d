import type { ChannelKey } from '../core/ids.js';
import type { Store } from '../store/store.js';
import { deletedIds } from './purge.js';

/**
 * The deleted ids of each channel, read from the store at most every `ttlMs` and updated at once
 * by deletions this process handles, so the live-ingest hot path does not pay a store read per
 * message. Another instance's deletion is seen within `ttlMs`; the race it guards against (a
 * create handled after its own delete) happens within one process.
 */
export class DeletedCache {
  private readonly entries = new Map<ChannelKey, { ids: Set<string>; readAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    /** @unit milliseconds */
    private readonly ttlMs = 5_000,
  ) {}

  async ids(channel: ChannelKey): Promise<ReadonlySet<string>> {
    const entry = this.entries.get(channel);
    if (entry && this.now() - entry.readAt < this.ttlMs) return entry.ids;
    const ids = await deletedIds(this.store, channel);
    // Bounded by the channels this process sees; each set is bounded by the store's list.
    this.entries.set(channel, { ids, readAt: this.now() });
    return ids;
  }

  noteDeleted(channel: ChannelKey, messageId: string): void {
    this.entries.get(channel)?.ids.add(messageId);
  }
}

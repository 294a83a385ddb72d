import type { IngestEvent } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { StoredMessage } from '../core/types.js';
import type { Store } from '../store/store.js';
import type { DeletedCache } from './deleted-cache.js';
import { markEdited, updateLearned, withoutDependants } from './purge.js';

export interface IngestDeps {
  store: Store;
  now: () => number;
  deleted: DeletedCache;
  /** Keeps search indexes current. */
  onStored?: (channel: ChannelKey, message: StoredMessage) => Promise<void> | void;
  onRemoved?: (channel: ChannelKey, messageId: string) => Promise<void> | void;
  /** A channel had activity: restarts its quiet period. */
  onActivity?: (channel: ChannelKey, atMs: number) => void;
}

/**
 * Stores messages, except any already deleted: a backfill page fetched before a deletion, or a
 * create event that lost the race with its own delete, must not bring a message back.
 */
export async function storeMessages(deps: IngestDeps, channel: ChannelKey, messages: StoredMessage[]): Promise<number> {
  const deleted = await deps.deleted.ids(channel);
  const alive = deleted.size ? messages.filter((m) => !deleted.has(m.id)) : messages;
  if (alive.length === 0) return 0;
  const result = await deps.store.putMessages(channel, alive);
  for (const message of alive) await deps.onStored?.(channel, message);
  return result.added;
}

/**
 * Applies one live event to the stored context. A new message is appended (question-like ones are
 * picked out by the next pass from the messages themselves). An edit or deletion changes the store
 * and drops every learned note and prepared answer that cited the message, queueing their remaining
 * evidence for the next pass to re-read.
 */
export async function ingestEvent(deps: IngestDeps, event: IngestEvent): Promise<void> {
  const { store } = deps;
  switch (event.type) {
    case 'message': {
      await storeMessages(deps, event.channel.key, [event.message]);
      deps.onActivity?.(event.channel.key, deps.now());
      return;
    }
    case 'edit': {
      const edited = await store.editMessage(event.channel, event.id, event.text, event.editedTs, event.ts);
      if (!edited) return;
      await markEdited(store, event.channel, event.id, deps.now());
      await deps.onStored?.(event.channel, edited);
      await updateLearned(store, event.channel, (learned) => {
        const next = withoutDependants(learned, new Set([event.id])) ?? learned;
        // The edited message itself is re-read by the next pass, cited or not: an edit can turn
        // small talk into a decision.
        return { ...next, rework: [...new Set([...next.rework, event.id])] };
      });
      deps.onActivity?.(event.channel, deps.now());
      return;
    }
    case 'delete': {
      // One transaction: the tombstone (which a pass committing concurrently, or a late backfill
      // page, checks), the message, the questions it asked and every inference that cited it.
      deps.deleted.noteDeleted(event.channel, event.id);
      await store.applyDeletion(event.channel, event.id, {
        ts: event.ts,
        at: deps.now(),
        purge: (learned) => withoutDependants(learned, new Set([event.id])),
      });
      await deps.onRemoved?.(event.channel, event.id);
      return;
    }
  }
}

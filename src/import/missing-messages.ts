import { DeletedCache } from '../context/deleted-cache.js';
import { ingestEvent, type IngestDeps } from '../context/ingest.js';
import type { ChannelKey } from '../core/ids.js';
import type { StoredMessage } from '../core/types.js';
import type { Store } from '../store/store.js';

/** Stored messages are compared with an export this many at a time. */
const PAGE = 1_000;

/**
 * What one export holds of a channel: every message id it lists (notices and empty messages
 * included, so a message the mapping leaves out is never mistaken for a deleted one) and the time
 * range those messages span.
 */
export class Coverage {
  readonly ids = new Set<string>();
  minTs = Infinity;
  maxTs = -Infinity;

  add(id: string, ts: number): void {
    this.ids.add(id);
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
  }

  addAll(other: Coverage): void {
    for (const id of other.ids) this.ids.add(id);
    this.minTs = Math.min(this.minTs, other.minTs);
    this.maxTs = Math.max(this.maxTs, other.maxTs);
  }
}

/** The engine's own deletion path, without an engine: the import is a one-shot command. */
export function importIngestDeps(store: Store): IngestDeps {
  return { store, now: Date.now, deleted: new DeletedCache(store, Date.now) };
}

/**
 * An export covers a channel over a time range: a message the store holds inside that range that
 * the export lacks was deleted before the export was made. Each goes through the live deletion
 * path (context/ingest.ts), so it is tombstoned and every note and prepared answer citing it is
 * purged too. `outside` names stored messages the export cannot hold (Discord threads are
 * exported as files of their own but filed under their parent live), which are never purged.
 * Returns how many were purged.
 */
export async function purgeMissing(
  deps: IngestDeps,
  channel: ChannelKey,
  coverage: Coverage,
  outside: (message: StoredMessage) => boolean = () => false,
): Promise<number> {
  if (coverage.ids.size === 0) return 0;
  const doomed: StoredMessage[] = [];
  // (ts, '') sorts before every real id at ts: the range's first message is included.
  let after = { ts: coverage.minTs, id: '' };
  for (;;) {
    const page = await deps.store.readMessages(channel, { after, untilTs: coverage.maxTs, limit: PAGE });
    for (const message of page) if (!coverage.ids.has(message.id) && !outside(message)) doomed.push(message);
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { ts: last.ts, id: last.id };
  }
  for (const message of doomed) {
    await ingestEvent(deps, { type: 'delete', channel, id: message.id, ts: message.ts });
  }
  return doomed.length;
}

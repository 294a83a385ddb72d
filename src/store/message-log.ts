import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { StoredMessage } from '../core/types.js';
import { StoreKeys } from './keys.js';
import type { KeyValueStore } from './kv.js';
import {
  chunkFor,
  chunksInWindow,
  chunksNear,
  countMessages,
  emptyIndex,
  MESSAGE_INDEX_LAYOUT,
  rewriteChunks,
  type ChunkRef,
  type MessageIndex,
} from './message-chunks.js';
import { prepareBatch } from './message-batch.js';
import { canonicalJson, compareMessages, comparePosition, timeHintFromId } from './message-order.js';
import type { AppendResult, ReadMessagesOptions } from './store.js';
import type { Exclusive } from './write-lease.js';

/**
 * Chunk keys per getMany/setMany call. Bounds one request (128 chunks × 256 messages ≈ 6 MB)
 * while keeping 100,000 messages to four calls.
 */
const KV_BATCH = 128;
/** Chunks per call when scanning for an id whose time is unknown; edits hit recent chunks first. */
const SCAN_BATCH = 32;
/**
 * How far from its time hint a message is looked for. Slack ids carry microseconds and callers
 * may round them either way; a wider window costs only an occasional extra chunk read.
 * @unit milliseconds
 */
const TIME_HINT_TOLERANCE_MS = 1_000;
/** Reads restarted because a writer replaced chunks under them, before giving up. */
const READ_ATTEMPTS = 5;

/** Returned by a read pass that found a chunk gone: the index moved on, read again. */
const INDEX_MOVED = Symbol('index moved');
type Attempt<T> = T | typeof INDEX_MOVED;

interface Located {
  position: number;
  messages: StoredMessage[];
  offset: number;
}

/**
 * A channel's messages over the chunk layout of message-chunks.ts. Writes run under the channel's
 * write lease; reads take no lock and retry when a concurrent write replaced a chunk.
 *
 * Identity is the message id; its place is its ts. A message's ts is taken to be fixed for its
 * id (Slack's id is its ts; a Discord snowflake encodes its creation time), so an upsert looks
 * for the id only in chunks within TIME_HINT_TOLERANCE_MS of the new ts. The same id stored again
 * with a ts further away than that would be kept twice.
 */
export class MessageLog {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly exclusive: Exclusive,
    private readonly chunkSize: number,
  ) {}

  async put(channel: ChannelKey, messages: readonly StoredMessage[]): Promise<AppendResult> {
    const batch = prepareBatch(channel, messages);
    const result: AppendResult = { added: 0, updated: 0, unchanged: 0 };
    if (batch.length === 0) return result;
    return this.exclusive(leaseName(channel), async () => {
      const index = await this.readIndex(channel);
      const targets = batch.map((message) => chunkFor(index.chunks, message.ts, message.id));
      const positions = new Set<number>();
      if (index.chunks.length > 0) {
        batch.forEach((message, i) => {
          positions.add(targets[i]);
          for (const near of chunksNear(index.chunks, message.ts, TIME_HINT_TOLERANCE_MS)) positions.add(near);
        });
      }
      const loaded = await this.loadForWrite(channel, index, [...positions].sort((a, b) => a - b));
      if (index.chunks.length === 0) loaded.set(0, new Map());
      const where = new Map<string, number>();
      for (const [position, chunk] of loaded) for (const id of chunk.keys()) where.set(id, position);

      const dirty = new Set<number>();
      batch.forEach((message, i) => {
        const from = where.get(message.id);
        if (from !== undefined) {
          const chunk = loaded.get(from)!;
          if (canonicalJson(chunk.get(message.id)) === canonicalJson(message)) {
            result.unchanged++;
            return;
          }
          result.updated++;
          chunk.delete(message.id);
          dirty.add(from);
        } else {
          result.added++;
        }
        loaded.get(targets[i])!.set(message.id, message);
        where.set(message.id, targets[i]);
        dirty.add(targets[i]);
      });
      if (dirty.size > 0) {
        const changed = new Map<number, StoredMessage[]>();
        for (const position of dirty) changed.set(position, [...loaded.get(position)!.values()].sort(compareMessages));
        await this.commit(channel, index, changed);
      }
      return result;
    });
  }

  async read(channel: ChannelKey, options: ReadMessagesOptions = {}): Promise<StoredMessage[]> {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 0)) throw new StoreError(`readMessages: limit must be a number ≥ 0, got ${options.limit}`);
    if (limit === 0) return [];
    const { after, untilTs, newest = false } = options;
    const keep = (message: StoredMessage) =>
      (!after || comparePosition(message.ts, message.id, after.ts, after.id) > 0) &&
      (untilTs === undefined || message.ts <= untilTs);

    return this.consistentRead(channel, async (index) => {
      const window = chunksInWindow(index.chunks, after, untilTs);
      const ordered = newest ? window.reverse() : window;
      const picked: StoredMessage[][] = [];
      let count = 0;
      for (let start = 0; start < ordered.length && count < limit; ) {
        // Fetch only as many chunks as the limit can still need (chunks may be part full, hence +1).
        const size = Math.min(KV_BATCH, Math.ceil((limit - count) / this.chunkSize) + 1);
        const refs = ordered.slice(start, start + size);
        start += refs.length;
        const chunks = await this.loadChunks(channel, refs);
        if (chunks === INDEX_MOVED) return INDEX_MOVED;
        for (const chunk of chunks) {
          const kept = chunk.filter(keep);
          picked.push(kept);
          count += kept.length;
        }
      }
      if (newest) picked.reverse();
      const messages = picked.flat();
      if (messages.length <= limit) return messages;
      return newest ? messages.slice(messages.length - limit) : messages.slice(0, limit);
    });
  }

  async get(channel: ChannelKey, id: string, ts?: number): Promise<StoredMessage | undefined> {
    return this.consistentRead(channel, async (index) => {
      const found = await this.locate(channel, index, id, ts);
      if (found === INDEX_MOVED) return INDEX_MOVED;
      return found && found.messages[found.offset];
    });
  }

  async edit(
    channel: ChannelKey,
    id: string,
    text: string,
    editedTs: number,
    ts?: number,
  ): Promise<StoredMessage | undefined> {
    return this.exclusive(leaseName(channel), async () => {
      const index = await this.readIndex(channel);
      const found = this.held(await this.locate(channel, index, id, ts), channel);
      if (!found) return undefined;
      const edited: StoredMessage = { ...found.messages[found.offset], text, editedTs };
      const messages = found.messages.slice();
      messages[found.offset] = edited;
      await this.commit(channel, index, new Map([[found.position, messages]]));
      return edited;
    });
  }

  async delete(channel: ChannelKey, id: string, ts?: number): Promise<StoredMessage | undefined> {
    return this.exclusive(leaseName(channel), async () => {
      const index = await this.readIndex(channel);
      const found = this.held(await this.locate(channel, index, id, ts), channel);
      if (!found) return undefined;
      const messages = found.messages.slice();
      const [removed] = messages.splice(found.offset, 1);
      await this.commit(channel, index, new Map([[found.position, messages]]));
      return removed;
    });
  }

  async count(channel: ChannelKey): Promise<number> {
    return countMessages(await this.readIndex(channel));
  }

  async lastTs(channel: ChannelKey): Promise<number | undefined> {
    const { chunks } = await this.readIndex(channel);
    return chunks.length === 0 ? undefined : chunks[chunks.length - 1].lastTs;
  }

  private async readIndex(channel: ChannelKey): Promise<MessageIndex> {
    const index = await this.kv.get<MessageIndex>(StoreKeys.messageIndex(channel));
    if (index === undefined) return emptyIndex();
    if (index.layout !== MESSAGE_INDEX_LAYOUT) {
      throw new StoreError(
        `messages of ${channel} use storage layout ${String(index.layout)}, this version reads layout ${MESSAGE_INDEX_LAYOUT}`,
      );
    }
    return index;
  }

  /** Chunk contents in the order of `refs`, or INDEX_MOVED when any is gone. */
  private async loadChunks(channel: ChannelKey, refs: readonly ChunkRef[]): Promise<Attempt<StoredMessage[][]>> {
    const chunks: StoredMessage[][] = [];
    for (let start = 0; start < refs.length; start += KV_BATCH) {
      const keys = refs.slice(start, start + KV_BATCH).map((ref) => StoreKeys.messageChunk(channel, ref.n));
      const values = await this.kv.getMany<StoredMessage[]>(keys);
      for (const value of values) {
        if (value === undefined) return INDEX_MOVED;
        chunks.push(value);
      }
    }
    return chunks;
  }

  /** Chunks at `positions` as id → message maps, for a writer holding the lease. */
  private async loadForWrite(
    channel: ChannelKey,
    index: MessageIndex,
    positions: number[],
  ): Promise<Map<number, Map<string, StoredMessage>>> {
    const chunks = this.held(await this.loadChunks(channel, positions.map((p) => index.chunks[p])), channel);
    const loaded = new Map<number, Map<string, StoredMessage>>();
    positions.forEach((position, i) => loaded.set(position, new Map(chunks[i].map((m) => [m.id, m]))));
    return loaded;
  }

  /**
   * Under the lease nobody else may replace chunks, so a chunk the index names but the store lacks
   * means lost data or a writer that ignored the lease: stop rather than write over it.
   */
  private held<T>(value: Attempt<T>, channel: ChannelKey): T {
    if (value === INDEX_MOVED) {
      throw new StoreError(`messages of ${channel}: a chunk listed in the index is missing from the store`);
    }
    return value;
  }

  /** Finds a message: first in chunks near its time hints, then by scanning newest to oldest. */
  private async locate(
    channel: ChannelKey,
    index: MessageIndex,
    id: string,
    ts: number | undefined,
  ): Promise<Attempt<Located | undefined>> {
    const near = new Set<number>();
    for (const hint of [ts, timeHintFromId(id)]) {
      if (hint !== undefined && Number.isFinite(hint)) {
        for (const position of chunksNear(index.chunks, hint, TIME_HINT_TOLERANCE_MS)) near.add(position);
      }
    }
    const rest = index.chunks.map((_, position) => position).filter((position) => !near.has(position));
    const rounds = [[...near]];
    for (let end = rest.length; end > 0; end -= SCAN_BATCH) rounds.push(rest.slice(Math.max(0, end - SCAN_BATCH), end));
    for (const positions of rounds) {
      if (positions.length === 0) continue;
      const chunks = await this.loadChunks(channel, positions.map((p) => index.chunks[p]));
      if (chunks === INDEX_MOVED) return INDEX_MOVED;
      for (let i = 0; i < chunks.length; i++) {
        const offset = chunks[i].findIndex((message) => message.id === id);
        if (offset >= 0) return { position: positions[i], messages: chunks[i], offset };
      }
    }
    return undefined;
  }

  /** Writes new chunks, then the index (the commit point), then deletes the replaced chunks. */
  private async commit(channel: ChannelKey, index: MessageIndex, changed: Map<number, StoredMessage[]>): Promise<void> {
    const plan = rewriteChunks(index, changed, this.chunkSize);
    const chunkEntries = plan.writes.map((write) => ({ key: StoreKeys.messageChunk(channel, write.n), value: write.messages }));
    if (this.kv.atomicSetMany && chunkEntries.length < KV_BATCH) {
      // One atomic write carries the new chunks and the index together: the live-ingest hot path
      // (one message, one chunk) saves a round trip, and the commit point stays a single write.
      await this.kv.setMany([...chunkEntries, { key: StoreKeys.messageIndex(channel), value: plan.index }]);
      await this.deleteObsolete(channel, plan.obsolete);
      return;
    }
    for (let start = 0; start < plan.writes.length; start += KV_BATCH) {
      await this.kv.setMany(
        plan.writes
          .slice(start, start + KV_BATCH)
          .map((write) => ({ key: StoreKeys.messageChunk(channel, write.n), value: write.messages })),
      );
    }
    await this.kv.set(StoreKeys.messageIndex(channel), plan.index);
    await this.deleteObsolete(channel, plan.obsolete);
  }

  private async deleteObsolete(channel: ChannelKey, obsolete: readonly number[]): Promise<void> {
    for (let start = 0; start < obsolete.length; start += KV_BATCH) {
      await this.kv.deleteMany(obsolete.slice(start, start + KV_BATCH).map((n) => StoreKeys.messageChunk(channel, n)));
    }
  }

  private async consistentRead<T>(channel: ChannelKey, read: (index: MessageIndex) => Promise<Attempt<T>>): Promise<T> {
    for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
      const result = await read(await this.readIndex(channel));
      if (result !== INDEX_MOVED) return result;
    }
    throw new StoreError(`messages of ${channel} changed ${READ_ATTEMPTS} times while being read; try again`);
  }
}

function leaseName(channel: ChannelKey): string {
  return `messages/${channel}`;
}

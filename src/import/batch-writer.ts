import { deletedIds } from '../context/purge.js';
import type { Channel, StoredMessage } from '../core/types.js';
import type { AppendResult, Store } from '../store/store.js';
import type { SkipTally } from './import-report.js';

/** Pending text is written once it passes this, whatever the message count. @unit characters */
const MAX_PENDING_CHARS = 8_000_000;

/**
 * Buffers one channel's messages and writes them in large `putMessages` calls, so a 100k-message
 * import is a few dozen round trips instead of one per message or per day file. A message deleted
 * in the channel (live, or purged by an earlier import) is never written again: tombstones win.
 */
export class BatchWriter {
  readonly totals: AppendResult = { added: 0, updated: 0, unchanged: 0 };
  /** Messages whose text was cut to the limit. */
  cutMessages = 0;
  private channel: Channel | undefined;
  private channelWritten = false;
  /** Whether any file of the current channel passed validation (even one with no messages). */
  private validated = false;
  private tombstones: ReadonlySet<string> = new Set();
  // Keyed by id: a message listed twice in one batch must count once, as it would across batches.
  private pending = new Map<string, StoredMessage>();
  private pendingChars = 0;

  constructor(
    private readonly store: Store,
    private readonly skipped: SkipTally,
    /** Messages per `putMessages` call. */
    private readonly batchSize: number,
    /** Longer texts are cut. @unit characters */
    private readonly maxMessageChars: number,
  ) {}

  /** Starts a channel: writes what is pending for the previous one first. */
  async begin(channel: Channel): Promise<void> {
    await this.end();
    this.channel = channel;
    this.channelWritten = false;
    this.validated = false;
    this.tombstones = await deletedIds(this.store, channel.key);
  }

  /** Queues the messages of one validated file. */
  async add(messages: readonly StoredMessage[]): Promise<void> {
    this.validated = true;
    for (const message of messages) {
      if (this.tombstones.has(message.id)) {
        this.skipped.add('deleted in the channel since (not brought back)');
        continue;
      }
      const kept = this.cut(message);
      this.pending.set(kept.id, kept);
      this.pendingChars += kept.text.length;
      if (this.pending.size >= this.batchSize || this.pendingChars >= MAX_PENDING_CHARS) await this.flush();
    }
  }

  /** Writes what is pending; the channel record goes first, and only once anything validated. */
  async flush(): Promise<void> {
    if (!this.channel || !this.validated) return;
    if (!this.channelWritten) {
      await this.store.putChannel(await this.mergeWithStored(this.channel));
      this.channelWritten = true;
    }
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.pendingChars = 0;
    const result = await this.store.putMessages(this.channel.key, batch);
    this.totals.added += result.added;
    this.totals.updated += result.updated;
    this.totals.unchanged += result.unchanged;
  }

  /** Finishes the current channel: flushes, and writes the channel even if all its messages were skipped. */
  async end(): Promise<void> {
    await this.flush();
    this.channel = undefined;
  }

  /** A message's text over the limit is cut, so no one message can swamp a pass or an answer. */
  private cut(message: StoredMessage): StoredMessage {
    if (message.text.length <= this.maxMessageChars) return message;
    this.cutMessages += 1;
    return { ...message, text: `${message.text.slice(0, this.maxMessageChars)} […cut]` };
  }

  /**
   * Membership the live adapter refreshed (it sets `membersUpdatedAt`) is newer than an export's
   * snapshot and decides who may see answers from the channel: keep it over the export's list.
   */
  private async mergeWithStored(channel: Channel): Promise<Channel> {
    const stored = await this.store.getChannel(channel.key);
    if (stored?.membersUpdatedAt === undefined) return channel;
    const merged: Channel = { ...channel, membersUpdatedAt: stored.membersUpdatedAt };
    if (stored.members) merged.members = stored.members;
    else delete merged.members;
    return merged;
  }
}

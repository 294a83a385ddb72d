import { randomUUID } from 'node:crypto';
import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type {
  AskedQuestion,
  Channel,
  LearnedContext,
  LedgerEntry,
  StoredMessage,
  Workspace,
} from '../core/types.js';
import { KeyedQueue } from './keyed-queue.js';
import { StoreKeys } from './keys.js';
import type { KeyValueStore } from './kv.js';
import { LearnedContexts } from './learned-contexts.js';
import { Ledger } from './ledger.js';
import { MessageLog } from './message-log.js';
import { QuestionLog } from './question-log.js';
import type { AppendResult, LedgerTotals, ReadMessagesOptions, Store } from './store.js';
import { withWriteLease, type Exclusive } from './write-lease.js';

export interface KeyvStoreOptions {
  /** Messages per chunk value. Defaults to 256 (about 50 KB of JSON). */
  chunkSize?: number;
  /** Questions kept per channel, newest first. Defaults to 500. */
  questionsKept?: number;
  /** Reply latencies kept per channel (and across all channels), newest first. Defaults to 1000. */
  latenciesKept?: number;
  /**
   * How long a write lease outlives a holder that died without releasing it. Defaults to
   * 60,000. @unit milliseconds
   */
  leaseTtlMs?: number;
  /** How long a write waits for another process's lease before failing. Defaults to 30,000. @unit milliseconds */
  leaseWaitMs?: number;
}

export const DefaultKeyvStoreOptions = {
  chunkSize: 256,
  questionsKept: 500,
  latenciesKept: 1000,
  leaseTtlMs: 60_000,
  leaseWaitMs: 30_000,
} as const satisfies Required<KeyvStoreOptions>;

/** Channel keys per getMany in listChannels. */
const KV_BATCH = 128;

/**
 * The Store over the small KeyValueStore interface, identical on every backend. Layouts live in
 * the helpers (message-chunks.ts, ledger.ts, …); this class wires them together and keeps the
 * simple one-value families (workspaces, channels, state, locks) itself.
 *
 * Every read-modify-write goes through `exclusive`: an in-process queue per name (so concurrent
 * calls in this process never lose an update) around a lease in the store (so a second process
 * on the same database does not either).
 */
export class KeyvStore implements Store {
  readonly backend: Store['backend'];
  private readonly queue = new KeyedQueue();
  private readonly messages: MessageLog;
  private readonly learned: LearnedContexts;
  private readonly questions: QuestionLog;
  private readonly ledger: Ledger;
  private readonly exclusive: Exclusive;
  private closed = false;

  constructor(
    private readonly kv: KeyValueStore,
    options: KeyvStoreOptions = {},
  ) {
    const settings = { ...DefaultKeyvStoreOptions, ...options };
    for (const [name, value] of Object.entries(settings)) {
      if (!Number.isInteger(value) || value < 1) throw new StoreError(`store option ${name} must be a positive integer, got ${value}`);
    }
    if (settings.chunkSize < 2) throw new StoreError('store option chunkSize must be at least 2');
    this.backend = kv.backend;
    const lease = { ttlMs: settings.leaseTtlMs, waitMs: settings.leaseWaitMs };
    this.exclusive = (name, work) => this.queue.run(name, () => withWriteLease(kv, name, lease, work));
    this.messages = new MessageLog(kv, this.exclusive, settings.chunkSize);
    this.learned = new LearnedContexts(kv, this.exclusive);
    this.questions = new QuestionLog(kv, this.exclusive, settings.questionsKept);
    this.ledger = new Ledger(kv, this.exclusive, settings.latenciesKept);
  }

  async putWorkspace(workspace: Workspace): Promise<void> {
    await this.kv.set(StoreKeys.workspace(workspace.platform, workspace.id), workspace);
  }

  async getWorkspace(platform: string, id: string): Promise<Workspace | undefined> {
    return this.kv.get<Workspace>(StoreKeys.workspace(platform, id));
  }

  async putChannel(channel: Channel): Promise<void> {
    if (typeof channel.key !== 'string' || channel.key === '') throw new StoreError('putChannel: the channel needs a key');
    await this.kv.set(StoreKeys.channel(channel.key), channel);
    // Channels are put on every membership refresh; the index changes only for new ones, so
    // check before paying for the lease.
    const listed = (await this.kv.get<ChannelKey[]>(StoreKeys.channelIndex)) ?? [];
    if (listed.includes(channel.key)) return;
    await this.exclusive('channel-index', async () => {
      const keys = (await this.kv.get<ChannelKey[]>(StoreKeys.channelIndex)) ?? [];
      if (!keys.includes(channel.key)) await this.kv.set(StoreKeys.channelIndex, [...keys, channel.key].sort());
    });
  }

  async getChannel(key: ChannelKey): Promise<Channel | undefined> {
    return this.kv.get<Channel>(StoreKeys.channel(key));
  }

  async listChannels(): Promise<Channel[]> {
    const keys = (await this.kv.get<ChannelKey[]>(StoreKeys.channelIndex)) ?? [];
    const channels: Channel[] = [];
    for (let start = 0; start < keys.length; start += KV_BATCH) {
      const values = await this.kv.getMany<Channel>(keys.slice(start, start + KV_BATCH).map(StoreKeys.channel));
      for (const channel of values) if (channel) channels.push(channel);
    }
    return channels;
  }

  putMessages(channel: ChannelKey, messages: StoredMessage[]): Promise<AppendResult> {
    return this.messages.put(channel, messages);
  }

  getMessage(channel: ChannelKey, id: string, ts?: number): Promise<StoredMessage | undefined> {
    return this.messages.get(channel, id, ts);
  }

  readMessages(channel: ChannelKey, options?: ReadMessagesOptions): Promise<StoredMessage[]> {
    return this.messages.read(channel, options);
  }

  editMessage(
    channel: ChannelKey,
    id: string,
    text: string,
    editedTs: number,
    ts?: number,
  ): Promise<StoredMessage | undefined> {
    return this.messages.edit(channel, id, text, editedTs, ts);
  }

  deleteMessage(channel: ChannelKey, id: string, ts?: number): Promise<StoredMessage | undefined> {
    return this.messages.delete(channel, id, ts);
  }

  countMessages(channel: ChannelKey): Promise<number> {
    return this.messages.count(channel);
  }

  lastMessageTs(channel: ChannelKey): Promise<number | undefined> {
    return this.messages.lastTs(channel);
  }

  getLearned(channel: ChannelKey): Promise<LearnedContext | undefined> {
    return this.learned.get(channel);
  }

  commitLearned(context: LearnedContext, expectedVersion?: number): Promise<void> {
    return this.learned.commit(context, expectedVersion);
  }

  logQuestion(question: AskedQuestion): Promise<void> {
    return this.questions.log(question);
  }

  async forgetQuestion(channel: ChannelKey, messageId: string): Promise<void> {
    await this.questions.forget(channel, messageId);
  }

  listQuestions(channel: ChannelKey, sinceTs: number, limit?: number): Promise<AskedQuestion[]> {
    return this.questions.list(channel, sinceTs, limit);
  }

  record(entry: LedgerEntry): Promise<void> {
    return this.ledger.record(entry);
  }

  ledgerTotals(channel?: ChannelKey, sinceTs?: number): Promise<LedgerTotals> {
    return this.ledger.totals(channel, sinceTs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.kv.setIfAbsent(StoreKeys.once(key), value, positiveTtl('setIfAbsent', ttlMs));
  }

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const acquired = await this.kv.setIfAbsent(StoreKeys.lock(key), token, positiveTtl('acquireLock', ttlMs));
    return acquired ? token : null;
  }

  async releaseLock(key: string, token: string): Promise<void> {
    // Deletes only while the lock still holds this token: a holder that outlived its TTL cannot
    // release the lock somebody else has taken since.
    await this.kv.deleteIfValue(StoreKeys.lock(key), token);
  }

  async getState<T>(key: string): Promise<T | undefined> {
    return this.kv.get<T>(StoreKeys.state(key));
  }

  async setState<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    await this.kv.set(StoreKeys.state(key), value, ttlMs === undefined ? undefined : positiveTtl('setState', ttlMs));
  }

  async deleteState(key: string): Promise<void> {
    await this.kv.delete(StoreKeys.state(key));
  }

  /** Lets queued writes finish, then closes the backend. Later calls fail with a StoreError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.drain();
    await this.kv.close();
  }
}

function positiveTtl(operation: string, ttlMs: number): number {
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
    throw new StoreError(`${operation}: ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  }
  return ttlMs;
}

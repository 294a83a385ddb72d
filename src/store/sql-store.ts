import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { AskedQuestion, Channel, LearnedContext, LedgerEntry, StoredMessage, Workspace } from '../core/types.js';
import * as channels from './channel-rows.js';
import type { Database, Engine } from './database.js';
import { describeError } from './describe-error.js';
import * as learned from './learned-rows.js';
import * as ledger from './ledger-rows.js';
import { prepareBatch } from './message-batch.js';
import * as messages from './message-rows.js';
import { channelsMentioning, searchMessages } from './message-search.js';
import * as questions from './question-rows.js';
import type { ShortLivedKeys } from './short-lived.js';
import * as state from './state-rows.js';
import type { WriteQueue } from './write-queue.js';
import type { AppendResult, DeletionOptions, LearnedReadOptions, LedgerTotals, QuestionEmbedding, ReadMessagesOptions, SearchHit, Store } from './store.js';

export interface SqlStoreOptions {
  /** Questions kept per channel, newest first. Defaults to 500. */
  questionsKept?: number;
  /** Reply latencies returned by ledgerTotals, newest. Defaults to 1000. */
  latenciesKept?: number;
  /** Tombstones returned by deletedIds when no limit is given. Defaults to 5000. */
  deletedKept?: number;
  /** How often expired short-lived keys and state are swept. Defaults to one hour. @unit milliseconds */
  sweepEveryMs?: number;
}

export const DefaultSqlStoreOptions = {
  questionsKept: 500,
  latenciesKept: 1000,
  deletedKept: 5000,
  sweepEveryMs: 60 * 60 * 1000,
} as const satisfies Required<SqlStoreOptions>;

/** Messages deleted per transaction when a channel is emptied. */
const CLEARED_PER_BATCH = 2_000;

/**
 * The Store over SQL tables through Kysely, the same on SQLite and PostgreSQL. Queries live per
 * table in the *-rows.ts files; this class runs them, in one transaction where several writes
 * belong together, and wraps every failure in a StoreError naming the operation.
 */
export class SqlStore implements Store {
  private readonly settings: Required<SqlStoreOptions>;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
    private readonly writes: WriteQueue,
    private readonly shortLived: ShortLivedKeys,
    readonly backend: Store['backend'],
    options: SqlStoreOptions = {},
  ) {
    this.settings = { ...DefaultSqlStoreOptions, ...options };
    for (const [name, value] of Object.entries(this.settings)) {
      if (!Number.isInteger(value) || value < 1) throw new StoreError(`store option ${name} must be a positive integer, got ${value}`);
    }
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), this.settings.sweepEveryMs);
    // The sweep is housekeeping: it must never keep a finished process alive.
    this.sweeper.unref();
  }

  putWorkspace(workspace: Workspace): Promise<void> {
    return this.exec('putWorkspace', () => channels.putWorkspace(this.db, workspace));
  }
  getWorkspace(platform: string, id: string): Promise<Workspace | undefined> {
    return this.run('getWorkspace', () => channels.getWorkspace(this.db, platform, id));
  }
  putChannel(channel: Channel): Promise<void> {
    return this.write('putChannel', (trx) => channels.putChannel(trx, channel));
  }
  getChannel(key: ChannelKey): Promise<Channel | undefined> {
    return this.run('getChannel', () => channels.getChannel(this.db, key));
  }
  listChannels(): Promise<Channel[]> {
    return this.run('listChannels', () => channels.listChannels(this.db));
  }
  async clearChannel(channel: ChannelKey, options: { dropChannel: boolean }): Promise<{ messages: number; questions: number }> {
    let removed = 0;
    // Batches: a channel of any size is emptied without one long transaction holding the write lock.
    for (;;) {
      const batch = await this.write('clearChannel', (trx) => messages.deleteSomeMessages(trx, channel, CLEARED_PER_BATCH));
      removed += batch;
      if (batch < CLEARED_PER_BATCH) break;
    }
    const asked = await this.write('clearChannel', async (trx) => {
      const count = await questions.clearQuestions(trx, channel);
      if (options.dropChannel) await channels.deleteChannel(trx, channel);
      return count;
    });
    return { messages: removed, questions: asked };
  }
  markChannelRemoved(channel: ChannelKey, at: number): Promise<void> {
    return this.exec('markChannelRemoved', () => channels.markRemoved(this.db, channel, at));
  }
  clearChannelRemoved(channel: ChannelKey): Promise<void> {
    return this.exec('clearChannelRemoved', () => channels.clearRemoved(this.db, channel));
  }
  removedChannels(): Promise<Record<ChannelKey, number>> {
    return this.run('removedChannels', () => channels.removedChannels(this.db));
  }

  async putMessages(channel: ChannelKey, batch: StoredMessage[]): Promise<AppendResult> {
    if (batch.length === 1) {
      // Live ingest: one new message is one statement, atomic by itself; only a message already
      // stored (an edit re-delivered, a re-import) takes the transaction below.
      const [message] = prepareBatch(channel, batch);
      const inserted = await this.exec('putMessages', () => messages.insertNew(this.db, channel, [message!]));
      if (inserted.size === 1) return { added: 1, updated: 0, unchanged: 0 };
    }
    return this.write('putMessages', (trx) => messages.putMessages(trx, channel, batch));
  }
  getMessage(channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
    return this.run('getMessage', () => messages.getMessage(this.db, channel, id));
  }
  readMessages(channel: ChannelKey, options?: ReadMessagesOptions): Promise<StoredMessage[]> {
    return this.run('readMessages', () => messages.readMessages(this.db, channel, options));
  }
  editMessage(channel: ChannelKey, id: string, text: string, editedTs: number): Promise<StoredMessage | undefined> {
    return this.exec('editMessage', () => messages.editMessage(this.db, channel, id, text, editedTs));
  }
  deleteMessage(channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
    return this.exec('deleteMessage', () => messages.deleteMessage(this.db, channel, id));
  }
  applyDeletion(channel: ChannelKey, id: string, options: DeletionOptions): Promise<StoredMessage | undefined> {
    return this.write('applyDeletion', async (trx) => {
      await channels.addTombstone(trx, channel, id, options.at);
      const removed = await messages.deleteMessage(trx, channel, id);
      await questions.forgetQuestion(trx, channel, id);
      const current = options.purge && (await learned.getLearned(trx, channel));
      const next = current && options.purge!(current);
      if (current && next) await learned.commitLearned(trx, { ...next, version: current.version + 1 }, current.version);
      return removed;
    });
  }
  deletedIds(channel: ChannelKey, limit = this.settings.deletedKept): Promise<Set<string>> {
    return this.run('deletedIds', () => channels.tombstones(this.db, channel, limit));
  }
  searchMessages(channel: ChannelKey, terms: readonly string[], limit: number): Promise<SearchHit[]> {
    return this.run('searchMessages', () => searchMessages(this.db, this.engine, channel, terms, limit));
  }
  channelsMentioning(channels: readonly ChannelKey[], terms: readonly string[]): Promise<Array<{ channel: ChannelKey; matches: number }>> {
    return this.run('channelsMentioning', () => channelsMentioning(this.db, this.engine, channels, terms));
  }
  countMessages(channel: ChannelKey): Promise<number> {
    return this.run('countMessages', () => messages.countMessages(this.db, channel));
  }
  lastMessageTs(channel: ChannelKey): Promise<number | undefined> {
    return this.run('lastMessageTs', () => messages.lastMessageTs(this.db, channel));
  }

  getLearned(channel: ChannelKey, options?: LearnedReadOptions): Promise<LearnedContext | undefined> {
    // One transaction, so the context row and its notes and questions are one snapshot.
    return this.run('getLearned', () => this.writes(() => this.snapshot().execute((trx) => learned.getLearned(trx, channel, options))));
  }
  questionEmbeddings(channels: readonly ChannelKey[]): Promise<QuestionEmbedding[]> {
    return this.run('questionEmbeddings', () => learned.questionEmbeddings(this.db, channels));
  }
  commitLearned(context: LearnedContext, expectedVersion?: number): Promise<void> {
    return this.write('commitLearned', (trx) => learned.commitLearned(trx, context, expectedVersion));
  }

  logQuestion(question: AskedQuestion): Promise<void> {
    return this.write('logQuestion', (trx) => questions.logQuestion(trx, question, this.settings.questionsKept));
  }
  forgetQuestion(channel: ChannelKey, messageId: string): Promise<void> {
    return this.exec('forgetQuestion', () => questions.forgetQuestion(this.db, channel, messageId));
  }
  listQuestions(channel: ChannelKey, sinceTs: number, limit?: number): Promise<AskedQuestion[]> {
    return this.run('listQuestions', () => questions.listQuestions(this.db, channel, sinceTs, limit));
  }

  record(entry: LedgerEntry): Promise<void> {
    return this.exec('record', () => ledger.recordEntry(this.db, entry));
  }
  ledgerTotals(channel?: ChannelKey, sinceTs?: number): Promise<LedgerTotals> {
    return this.run('ledgerTotals', () => ledger.ledgerTotals(this.db, this.settings.latenciesKept, channel, sinceTs));
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.run('setIfAbsent', () => this.shortLived.setIfAbsent(`once/${key}`, value, positiveTtl('setIfAbsent', ttlMs)));
  }
  acquireLock(key: string, ttlMs: number): Promise<string | null> {
    return this.run('acquireLock', async () => {
      const token = randomUUID();
      return (await this.shortLived.setIfAbsent(`lock/${key}`, token, positiveTtl('acquireLock', ttlMs))) ? token : null;
    });
  }
  releaseLock(key: string, token: string): Promise<void> {
    // Deletes only while the lock still holds this token: a holder that outlived its TTL cannot
    // release the lock somebody else has taken since.
    return this.run('releaseLock', () => this.shortLived.deleteIfValue(`lock/${key}`, token));
  }

  getState<T>(key: string): Promise<T | undefined> {
    return this.run('getState', () => state.getState<T>(this.db, key, Date.now()));
  }
  setState<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    return this.exec('setState', () =>
      state.setState(this.db, key, value, ttlMs === undefined ? null : Date.now() + positiveTtl('setState', ttlMs)),
    );
  }
  deleteState(key: string): Promise<void> {
    return this.exec('deleteState', () => state.deleteState(this.db, key));
  }

  /** Drops expired short-lived keys and state that nobody reads again. */
  async sweep(now = Date.now()): Promise<void> {
    await this.run('sweep', async () => {
      await this.shortLived.sweep(now);
      await this.writes(() => this.db.deleteFrom('state').where('expires_at', '<=', now).execute());
    });
  }

  /** Lets operations in flight finish, then closes the database. Later calls fail with a StoreError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.inFlight]);
    try {
      await this.shortLived.close();
      await this.db.destroy();
    } catch (error) {
      throw new StoreError(`${this.backend}: close failed: ${describeError(error)}`, { cause: error });
    }
  }

  /** The database handle, for `mull store copy` and tests inside src/store. */
  get kysely(): Kysely<Database> {
    return this.db;
  }

  /** The tables and their engine, for `mull store copy`. */
  get sqlTables(): { db: Kysely<Database>; engine: Engine } {
    return { db: this.db, engine: this.engine };
  }

  /** A read transaction that sees one snapshot (PostgreSQL's default sees one per statement). */
  private snapshot() {
    return this.engine === 'postgres' ? this.db.transaction().setIsolationLevel('repeatable read') : this.db.transaction();
  }

  /** A transaction that writes, in this file's write queue. */
  private write<T>(operation: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.run(operation, () => this.writes(() => this.db.transaction().execute(work)));
  }

  /** A single-statement write (its own transaction), in this file's write queue. */
  private exec<T>(operation: string, work: () => Promise<T>): Promise<T> {
    return this.run(operation, () => this.writes(work));
  }

  /** Runs one operation: refuses after close, tracks it for close(), wraps failures in StoreError. */
  private async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(`${this.backend}: ${operation} after the store was closed`);
    const pending = work();
    this.inFlight.add(pending);
    try {
      return await pending;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${this.backend}: ${operation} failed: ${describeError(error)}`, { cause: error });
    } finally {
      this.inFlight.delete(pending);
    }
  }
}

function positiveTtl(operation: string, ttlMs: number): number {
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
    throw new StoreError(`${operation}: ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  }
  return ttlMs;
}

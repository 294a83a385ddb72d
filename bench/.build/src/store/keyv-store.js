import { randomUUID } from 'node:crypto';
import { StoreError } from '../core/errors.js';
import { KeyedQueue } from './keyed-queue.js';
import { StoreKeys } from './keys.js';
import { LearnedContexts } from './learned-contexts.js';
import { Ledger } from './ledger.js';
import { MessageLog } from './message-log.js';
import { QuestionLog } from './question-log.js';
import { withWriteLease } from './write-lease.js';
export const DefaultKeyvStoreOptions = {
    chunkSize: 256,
    questionsKept: 500,
    latenciesKept: 1000,
    leaseTtlMs: 60_000,
    leaseWaitMs: 30_000,
};
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
export class KeyvStore {
    kv;
    backend;
    queue = new KeyedQueue();
    messages;
    learned;
    questions;
    ledger;
    exclusive;
    closed = false;
    constructor(kv, options = {}) {
        this.kv = kv;
        const settings = { ...DefaultKeyvStoreOptions, ...options };
        for (const [name, value] of Object.entries(settings)) {
            if (!Number.isInteger(value) || value < 1)
                throw new StoreError(`store option ${name} must be a positive integer, got ${value}`);
        }
        if (settings.chunkSize < 2)
            throw new StoreError('store option chunkSize must be at least 2');
        this.backend = kv.backend;
        const lease = { ttlMs: settings.leaseTtlMs, waitMs: settings.leaseWaitMs };
        this.exclusive = (name, work) => this.queue.run(name, () => withWriteLease(kv, name, lease, work));
        this.messages = new MessageLog(kv, this.exclusive, settings.chunkSize);
        this.learned = new LearnedContexts(kv, this.exclusive);
        this.questions = new QuestionLog(kv, this.exclusive, settings.questionsKept);
        this.ledger = new Ledger(kv, this.exclusive, settings.latenciesKept);
    }
    async putWorkspace(workspace) {
        await this.kv.set(StoreKeys.workspace(workspace.platform, workspace.id), workspace);
    }
    async getWorkspace(platform, id) {
        return this.kv.get(StoreKeys.workspace(platform, id));
    }
    async putChannel(channel) {
        if (typeof channel.key !== 'string' || channel.key === '')
            throw new StoreError('putChannel: the channel needs a key');
        await this.kv.set(StoreKeys.channel(channel.key), channel);
        // Channels are put on every membership refresh; the index changes only for new ones, so
        // check before paying for the lease.
        const listed = (await this.kv.get(StoreKeys.channelIndex)) ?? [];
        if (listed.includes(channel.key))
            return;
        await this.exclusive('channel-index', async () => {
            const keys = (await this.kv.get(StoreKeys.channelIndex)) ?? [];
            if (!keys.includes(channel.key))
                await this.kv.set(StoreKeys.channelIndex, [...keys, channel.key].sort());
        });
    }
    async getChannel(key) {
        return this.kv.get(StoreKeys.channel(key));
    }
    async listChannels() {
        const keys = (await this.kv.get(StoreKeys.channelIndex)) ?? [];
        const channels = [];
        for (let start = 0; start < keys.length; start += KV_BATCH) {
            const values = await this.kv.getMany(keys.slice(start, start + KV_BATCH).map(StoreKeys.channel));
            for (const channel of values)
                if (channel)
                    channels.push(channel);
        }
        return channels;
    }
    putMessages(channel, messages) {
        return this.messages.put(channel, messages);
    }
    getMessage(channel, id, ts) {
        return this.messages.get(channel, id, ts);
    }
    readMessages(channel, options) {
        return this.messages.read(channel, options);
    }
    editMessage(channel, id, text, editedTs, ts) {
        return this.messages.edit(channel, id, text, editedTs, ts);
    }
    deleteMessage(channel, id, ts) {
        return this.messages.delete(channel, id, ts);
    }
    countMessages(channel) {
        return this.messages.count(channel);
    }
    lastMessageTs(channel) {
        return this.messages.lastTs(channel);
    }
    getLearned(channel) {
        return this.learned.get(channel);
    }
    commitLearned(context, expectedVersion) {
        return this.learned.commit(context, expectedVersion);
    }
    logQuestion(question) {
        return this.questions.log(question);
    }
    listQuestions(channel, sinceTs, limit) {
        return this.questions.list(channel, sinceTs, limit);
    }
    record(entry) {
        return this.ledger.record(entry);
    }
    ledgerTotals(channel, sinceTs) {
        return this.ledger.totals(channel, sinceTs);
    }
    async setIfAbsent(key, value, ttlMs) {
        return this.kv.setIfAbsent(StoreKeys.once(key), value, positiveTtl('setIfAbsent', ttlMs));
    }
    async acquireLock(key, ttlMs) {
        const token = randomUUID();
        const acquired = await this.kv.setIfAbsent(StoreKeys.lock(key), token, positiveTtl('acquireLock', ttlMs));
        return acquired ? token : null;
    }
    async releaseLock(key, token) {
        // Deletes only while the lock still holds this token: a holder that outlived its TTL cannot
        // release the lock somebody else has taken since.
        await this.kv.deleteIfValue(StoreKeys.lock(key), token);
    }
    async getState(key) {
        return this.kv.get(StoreKeys.state(key));
    }
    async setState(key, value, ttlMs) {
        await this.kv.set(StoreKeys.state(key), value, ttlMs === undefined ? undefined : positiveTtl('setState', ttlMs));
    }
    async deleteState(key) {
        await this.kv.delete(StoreKeys.state(key));
    }
    /** Lets queued writes finish, then closes the backend. Later calls fail with a StoreError. */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        await this.queue.drain();
        await this.kv.close();
    }
}
function positiveTtl(operation, ttlMs) {
    if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
        throw new StoreError(`${operation}: ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
    }
    return ttlMs;
}

/**
 * Buffers one channel's messages and writes them in large `putMessages` calls, so a 100k-message
 * import is a few dozen round trips instead of one per message or per day file.
 */
export class BatchWriter {
    store;
    batchSize;
    totals = { added: 0, updated: 0, unchanged: 0 };
    channel;
    channelWritten = false;
    /** Whether any file of the current channel passed validation (even one with no messages). */
    validated = false;
    // Keyed by id: a message listed twice in one batch must count once, as it would across batches.
    pending = new Map();
    constructor(store, 
    /** Messages per `putMessages` call. */
    batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }
    /** Starts a channel: writes what is pending for the previous one first. */
    async begin(channel) {
        await this.end();
        this.channel = channel;
        this.channelWritten = false;
        this.validated = false;
    }
    /** Queues the messages of one validated file. */
    async add(messages) {
        this.validated = true;
        for (const message of messages) {
            this.pending.set(message.id, message);
            if (this.pending.size >= this.batchSize)
                await this.flush();
        }
    }
    /** Writes what is pending; the channel record goes first, and only once anything validated. */
    async flush() {
        if (!this.channel || !this.validated)
            return;
        if (!this.channelWritten) {
            await this.store.putChannel(await this.mergeWithStored(this.channel));
            this.channelWritten = true;
        }
        if (this.pending.size === 0)
            return;
        const batch = [...this.pending.values()];
        this.pending = new Map();
        const result = await this.store.putMessages(this.channel.key, batch);
        this.totals.added += result.added;
        this.totals.updated += result.updated;
        this.totals.unchanged += result.unchanged;
    }
    /** Finishes the current channel: flushes, and writes the channel even if all its messages were skipped. */
    async end() {
        await this.flush();
        this.channel = undefined;
    }
    /**
     * Membership the live adapter refreshed (it sets `membersUpdatedAt`) is newer than an export's
     * snapshot and decides who may see answers from the channel: keep it over the export's list.
     */
    async mergeWithStored(channel) {
        const stored = await this.store.getChannel(channel.key);
        if (stored?.membersUpdatedAt === undefined)
            return channel;
        const merged = { ...channel, membersUpdatedAt: stored.membersUpdatedAt };
        if (stored.members)
            merged.members = stored.members;
        else
            delete merged.members;
        return merged;
    }
}

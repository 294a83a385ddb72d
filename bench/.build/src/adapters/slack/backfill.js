import { withRetryAfter } from './rate-limit.js';
import { slackDirectory, toStoredMessage } from './to-message.js';
/** Held while one instance backfills a conversation, so instances sharing a store do not duplicate it. */
const LOCK_TTL_MS = 15 * 60_000;
export function backfillStateKey(channel) {
    return `slack:backfill:${channel.key}`;
}
/**
 * History of the conversations Mull is in, read page by page (`conversations.history`, then
 * `conversations.replies` for each thread on the page) and handed to the engine in batches. After
 * each page the cursor is saved; a restart continues from it, and a finished run leaves a watermark
 * so the next start reads only what was said while Mull was away. 429s are waited out per
 * Retry-After on a client of its own (see rate-limit.ts), so backfill never delays an answer.
 * @see https://docs.slack.dev/reference/methods/conversations.history
 * @see https://docs.slack.dev/reference/methods/conversations.replies
 */
export class Backfill {
    ctx;
    client;
    signal;
    constructor(ctx, 
    /** A WebClient with `rejectRateLimitedCalls: true`. */
    client, signal) {
        this.ctx = ctx;
        this.client = client;
        this.signal = signal;
    }
    /** Every conversation the bot is a member of, one after another. */
    async all() {
        try {
            await this.#all();
        }
        catch (error) {
            if (!this.signal.aborted)
                throw error;
        }
    }
    async #all() {
        const conversations = [];
        let cursor;
        do {
            const page = await this.#call('users.conversations', undefined, () => this.client.users.conversations({ types: 'public_channel,private_channel,mpim,im', exclude_archived: true, limit: 200, cursor }));
            for (const c of page.channels ?? [])
                if (c.id)
                    conversations.push({ ...c, id: c.id });
            cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor);
        this.ctx.logger.info({ conversations: conversations.length }, 'slack backfill starting');
        for (const conversation of conversations) {
            if (this.signal.aborted)
                return;
            await this.conversation(conversation);
        }
    }
    /** One conversation, by id (the bot just joined it). */
    async conversationById(channelId) {
        const info = await this.#call('conversations.info', channelId, () => this.client.conversations.info({ channel: channelId }));
        await this.conversation({ ...info.channel, id: channelId });
    }
    /** One conversation; failures are logged, not thrown, so one bad channel does not stop the rest. */
    async conversation(conversation) {
        const channel = await this.ctx.channels.adopt(conversation);
        const lockKey = `slack:backfill-lock:${channel.key}`;
        const lock = await this.ctx.store.acquireLock(lockKey, LOCK_TTL_MS);
        if (!lock) {
            this.ctx.logger.info({ channel: channel.key }, 'slack backfill already running elsewhere');
            return;
        }
        try {
            await this.#pages(channel);
        }
        catch (error) {
            if (this.signal.aborted)
                return;
            this.ctx.logger.warn({ err: error, channel: channel.key }, 'slack backfill stopped; it resumes from its cursor next time');
        }
        finally {
            await this.ctx.store.releaseLock(lockKey, lock);
        }
    }
    async #pages(channel) {
        const { store, logger, options } = this.ctx;
        const stateKey = backfillStateKey(channel);
        const state = (await store.getState(stateKey)) ?? {};
        const run = state.run ?? { oldest: state.watermark, fetched: 0 };
        logger.info({ channel: channel.key, resumed: Boolean(state.run), fetched: run.fetched }, 'slack backfill channel');
        for (;;) {
            if (this.signal.aborted)
                return;
            const page = await this.#call('conversations.history', channel.id, () => this.client.conversations.history({ channel: channel.id, cursor: run.cursor, oldest: run.oldest, limit: options.backfillPageSize }));
            const top = (page.messages ?? []);
            // History comes newest first: the first message of the first page is the next watermark.
            run.newest ??= top[0]?.ts;
            const added = await this.#ingest(channel, [...top, ...(await this.#replies(channel, top))]);
            run.fetched += top.length;
            run.cursor = (page.has_more && page.response_metadata?.next_cursor) || undefined;
            if (!run.cursor || run.fetched >= options.backfillMaxMessages) {
                await store.setState(stateKey, { watermark: run.newest ?? state.watermark });
                logger.info({ channel: channel.key, fetched: run.fetched, added }, 'slack backfill channel done');
                return;
            }
            await store.setState(stateKey, { watermark: state.watermark, run });
            logger.info({ channel: channel.key, fetched: run.fetched, added }, 'slack backfill progress');
        }
    }
    /** Replies of every thread started on this page (the root itself is already in the page). */
    async #replies(channel, top) {
        const replies = [];
        for (const root of top) {
            if (!root.reply_count || (root.thread_ts && root.thread_ts !== root.ts))
                continue;
            let cursor;
            do {
                const page = await this.#call('conversations.replies', channel.id, () => this.client.conversations.replies({ channel: channel.id, ts: root.ts, cursor, limit: this.ctx.options.backfillPageSize }));
                for (const reply of (page.messages ?? []))
                    if (reply.ts !== root.ts)
                        replies.push(reply);
                cursor = (page.has_more && page.response_metadata?.next_cursor) || undefined;
            } while (cursor);
        }
        return replies;
    }
    async #ingest(channel, raw) {
        const { identity, options, users } = this.ctx;
        await users.prime(raw);
        const directory = slackDirectory(users, this.ctx.channels);
        const messages = [];
        for (const m of raw) {
            if (m.user === identity.botUserId || m.bot_id === identity.botId)
                continue;
            const message = toStoredMessage(m, directory);
            if (!message || (message.bot && options.ignoreBots))
                continue;
            messages.push(message);
        }
        if (messages.length === 0)
            return 0;
        return (await this.ctx.engine.ingestHistory(channel, messages)).added;
    }
    #call(method, channel, call) {
        return withRetryAfter(call, { method, channel, logger: this.ctx.logger, signal: this.signal });
    }
}

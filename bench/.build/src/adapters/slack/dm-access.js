import { slackChannelKey } from './channels.js';
/**
 * Which conversations a person is in right now, for DM answers: a DM may draw only on channels the
 * asker is a member of at the time of asking. One paginated `users.conversations` call per person
 * (Tier 3) rather than `conversations.members` per channel, cached for `ttlMs` and dropped early
 * when a membership event says the person joined or left something.
 *
 * Membership, not readability: a public channel the person has never joined is left out too. A
 * private channel the person is not in is never listed by Slack for them, so it cannot leak. If
 * Slack cannot be asked, the DM answers from the DM alone.
 * @see https://docs.slack.dev/reference/methods/users.conversations
 */
export class DmAccess {
    teamId;
    client;
    ttlMs;
    logger;
    #cache = new Map();
    #pending = new Map();
    constructor(teamId, client, ttlMs, logger) {
        this.teamId = teamId;
        this.client = client;
        this.ttlMs = ttlMs;
        this.logger = logger;
    }
    /** Channel keys of the public and private channels and group DMs `user` is a member of. */
    async channelsOf(user) {
        const cached = this.#cache.get(user);
        if (cached && Date.now() - cached.at < this.ttlMs)
            return cached.channels;
        let pending = this.#pending.get(user);
        if (!pending) {
            pending = this.#fetch(user).finally(() => this.#pending.delete(user));
            this.#pending.set(user, pending);
        }
        return pending;
    }
    /**
     * The scope of a DM answer: the asker's channels, plus the DM itself (their own conversation
     * with Mull). Nothing the asker is not in.
     */
    async scopeForDm(user, dmChannelId) {
        const dm = slackChannelKey(this.teamId, dmChannelId);
        let channels;
        try {
            channels = await this.channelsOf(user);
        }
        catch (error) {
            // Unknown access must not widen the scope: answer from the DM alone rather than not at all.
            this.logger.warn({ err: error, user }, 'slack users.conversations failed; answering from the DM only');
            return [dm];
        }
        return channels.includes(dm) ? channels : [...channels, dm];
    }
    /** Forget what we knew about `user` (they joined or left a conversation). */
    forget(user) {
        this.#cache.delete(user);
    }
    async #fetch(user) {
        const channels = [];
        let cursor;
        do {
            const page = await this.client.users.conversations({
                user,
                types: 'public_channel,private_channel,mpim',
                exclude_archived: true,
                limit: 200,
                cursor,
            });
            for (const channel of page.channels ?? []) {
                if (channel.id)
                    channels.push(slackChannelKey(this.teamId, channel.id));
            }
            cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor);
        this.#cache.set(user, { channels, at: Date.now() });
        return channels;
    }
}

import { channelKey } from '../../core/ids.js';
export function slackChannelKey(teamId, channelId) {
    return channelKey({ platform: 'slack', workspace: teamId, channel: channelId });
}
export function toChannel(teamId, conversation) {
    const isDm = Boolean(conversation.is_im || conversation.is_mpim);
    const name = conversation.name ?? (conversation.is_im ? `dm-${conversation.user ?? conversation.id}` : conversation.id);
    return {
        key: slackChannelKey(teamId, conversation.id),
        platform: 'slack',
        workspace: teamId,
        id: conversation.id,
        name,
        // Group DMs and DMs are never public context, whatever Slack's is_private says about them.
        isPrivate: Boolean(conversation.is_private || conversation.is_group || isDm),
        isDm,
    };
}
/**
 * Channel metadata, looked up once per channel (`conversations.info`) and handed to the engine the
 * first time it is seen. In memory only: the engine's store keeps the durable copy.
 */
export class ChannelDirectory {
    teamId;
    client;
    engine;
    #known = new Map();
    #pending = new Map();
    constructor(teamId, client, engine) {
        this.teamId = teamId;
        this.client = client;
        this.engine = engine;
    }
    /** The channel, registering it with the engine on first sight. */
    async resolve(channelId) {
        const known = this.#known.get(channelId);
        if (known)
            return known;
        let pending = this.#pending.get(channelId);
        if (!pending) {
            pending = this.#lookup(channelId).finally(() => this.#pending.delete(channelId));
            this.#pending.set(channelId, pending);
        }
        return pending;
    }
    /** The channel's name if it has been seen (for rendering `<#C…>` in stored text). */
    nameOf(channelId) {
        return this.#known.get(channelId)?.name;
    }
    /** Registers a conversation already described by a listing (backfill), without another call. */
    async adopt(conversation) {
        const channel = toChannel(this.teamId, conversation);
        await this.engine.upsertChannel(channel);
        this.#known.set(channel.id, channel);
        return channel;
    }
    /** Keeps a known member list current from member_joined_channel / member_left_channel. */
    async noteMembership(channelId, user, joined) {
        const channel = this.#known.get(channelId);
        if (!channel?.members)
            return;
        const members = new Set(channel.members);
        if (joined)
            members.add(user);
        else
            members.delete(user);
        const updated = { ...channel, members: [...members], membersUpdatedAt: Date.now() };
        this.#known.set(channelId, updated);
        await this.engine.upsertChannel(updated);
    }
    async #lookup(channelId) {
        // @see https://docs.slack.dev/reference/methods/conversations.info
        const result = await this.client.conversations.info({ channel: channelId });
        const conversation = { ...result.channel, id: channelId };
        return this.adopt(conversation);
    }
}

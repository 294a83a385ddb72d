import type { webApi } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import { channelKey, type ChannelKey } from '../../core/ids.js';
import type { Channel } from '../../core/types.js';

/** The fields of a Slack conversation object Mull reads (conversations.info, users.conversations). */
export interface SlackConversation {
  id?: string;
  name?: string;
  is_private?: boolean;
  is_group?: boolean;
  is_im?: boolean;
  is_mpim?: boolean;
  /** The other member of a DM. */
  user?: string;
}

export function slackChannelKey(teamId: string, channelId: string): ChannelKey {
  return channelKey({ platform: 'slack', workspace: teamId, channel: channelId });
}

export function toChannel(teamId: string, conversation: SlackConversation & { id: string }): Channel {
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
  readonly #known = new Map<string, Channel>();
  readonly #pending = new Map<string, Promise<Channel>>();

  constructor(
    private readonly teamId: string,
    private readonly client: webApi.WebClient,
    private readonly engine: Engine,
  ) {}

  /** The channel, registering it with the engine on first sight. */
  async resolve(channelId: string): Promise<Channel> {
    const known = this.#known.get(channelId);
    if (known) return known;
    let pending = this.#pending.get(channelId);
    if (!pending) {
      pending = this.#lookup(channelId).finally(() => this.#pending.delete(channelId));
      this.#pending.set(channelId, pending);
    }
    return pending;
  }

  /** The channel's name if it has been seen (for rendering `<#C…>` in stored text). */
  nameOf(channelId: string): string | undefined {
    return this.#known.get(channelId)?.name;
  }

  /** Registers a conversation already described by a listing (backfill), without another call. */
  async adopt(conversation: SlackConversation & { id: string }): Promise<Channel> {
    const channel = toChannel(this.teamId, conversation);
    await this.engine.upsertChannel(channel);
    this.#known.set(channel.id, channel);
    return channel;
  }

  /** Keeps a known member list current from member_joined_channel / member_left_channel. */
  async noteMembership(channelId: string, user: string, joined: boolean): Promise<void> {
    const channel = this.#known.get(channelId);
    if (!channel?.members) return;
    const members = new Set(channel.members);
    if (joined) members.add(user);
    else members.delete(user);
    const updated: Channel = { ...channel, members: [...members], membersUpdatedAt: Date.now() };
    this.#known.set(channelId, updated);
    await this.engine.upsertChannel(updated);
  }

  async #lookup(channelId: string): Promise<Channel> {
    // @see https://docs.slack.dev/reference/methods/conversations.info
    const result = await this.client.conversations.info({ channel: channelId });
    const conversation = { ...(result.channel as SlackConversation | undefined), id: channelId };
    return this.adopt(conversation);
  }
}

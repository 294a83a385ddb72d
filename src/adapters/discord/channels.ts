import {
  ChannelType,
  PermissionFlagsBits,
  type AnyThreadChannel,
  type Channel as DiscordChannel,
  type Client,
  type Guild,
  type GuildMember,
  type NewsChannel,
  type NonThreadGuildBasedChannel,
  type TextChannel,
} from 'discord.js';
import type { Channel } from '../../core/types.js';
import { guildChannelKey } from './keys.js';

/** Channels with a history of their own. */
const MESSAGE_CHANNEL_TYPES = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/** Channels whose public threads count as their history (forum posts are threads). */
const THREAD_PARENT_TYPES = new Set<ChannelType>([
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.GuildMedia,
]);

/** What reading a channel's past takes, for the bot when backfilling and for a user asking. */
export const READ_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory];

/** A guild channel Mull keeps a history for: thread messages are filed under these. */
export type HistoryChannel = NonThreadGuildBasedChannel;

/** A channel whose messages can be fetched: a text or announcement channel, or a public thread. */
export type MessageSource = TextChannel | NewsChannel | AnyThreadChannel;

/** Where a message belongs in Mull's terms. */
export interface MessagePlace {
  /** The channel it counts under: its own channel, or the parent of its thread. */
  channel: HistoryChannel;
  /** Set for messages inside a thread: the thread's id, which is also its starter message's id. */
  threadId?: string;
}

/** The core's view of a guild channel. Private = `@everyone` cannot view it. */
export function toCoreChannel(channel: HistoryChannel): Channel {
  const everyone = channel.guild.roles.everyone;
  return {
    key: guildChannelKey(channel.guildId, channel.id),
    platform: 'discord',
    workspace: channel.guildId,
    id: channel.id,
    name: channel.name,
    isPrivate: !channel.permissionsFor(everyone).has(PermissionFlagsBits.ViewChannel),
    isDm: false,
  };
}

/**
 * Which history a guild message belongs to, or undefined when Mull keeps none for its channel:
 * DMs, voice chats, and private threads (their members are a subset of the parent's, so filing
 * them under the parent would show them to people who cannot see them).
 */
export function placeOf(channel: DiscordChannel | null | undefined): MessagePlace | undefined {
  if (!channel || channel.isDMBased()) return undefined;
  if (channel.isThread()) {
    if (channel.type === ChannelType.PrivateThread) return undefined;
    const parent = channel.parent;
    if (!parent || !THREAD_PARENT_TYPES.has(parent.type)) return undefined;
    return { channel: parent, threadId: channel.id };
  }
  return MESSAGE_CHANNEL_TYPES.has(channel.type) ? { channel: channel as HistoryChannel } : undefined;
}

/** `placeOf` for a channel id, fetching the channel over REST when it is not cached. */
export async function resolvePlace(client: Client, channelId: string): Promise<MessagePlace | undefined> {
  const cached = client.channels.cache.get(channelId);
  if (cached) return placeOf(cached);
  const fetched = await client.channels.fetch(channelId).catch(() => null);
  return placeOf(fetched);
}

/** The guild's channels that hold history (text, announcement, forum, media). */
export function historyChannels(guild: Guild): HistoryChannel[] {
  return [...guild.channels.cache.values()].filter(
    (channel): channel is HistoryChannel => !channel.isThread() && THREAD_PARENT_TYPES.has(channel.type),
  );
}

/** The guild's channels and active public threads whose messages the bot may read. */
export function readableSources(guild: Guild): MessageSource[] {
  const me = guild.members.me;
  if (!me) return [];
  return [...guild.channels.cache.values()].filter((channel): channel is MessageSource => {
    const own = MESSAGE_CHANNEL_TYPES.has(channel.type) && !channel.isThread();
    const thread = channel.isThread() && placeOf(channel) !== undefined;
    return (own || thread) && channel.permissionsFor(me).has(READ_PERMISSIONS);
  });
}

/** Whether a member can read a channel's history now (View Channel and Read Message History). */
export function canRead(channel: HistoryChannel, member: GuildMember): boolean {
  return channel.permissionsFor(member).has(READ_PERMISSIONS);
}

/**
 * Where a message's link must point. A message in a thread lives in the thread; a forum post's
 * starter message lives in its thread too, and shares the thread's id.
 */
export function linkChannelId(client: Client, place: { channelId: string; messageId: string; threadId?: string }): string {
  if (place.threadId) return place.threadId;
  const parent = client.channels.cache.get(place.channelId);
  const forumLike = parent?.type === ChannelType.GuildForum || parent?.type === ChannelType.GuildMedia;
  return forumLike ? place.messageId : place.channelId;
}

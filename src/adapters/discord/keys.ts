import { channelKey, parseChannelKey, type ChannelKey } from '../../core/ids.js';

/** The workspace part of a DM's channel key: DMs belong to no guild. */
export const DM_WORKSPACE = '@dm';

/** Discord's epoch, 2015-01-01T00:00:00Z. @unit epoch milliseconds */
const DISCORD_EPOCH = 1420070400000n;

/** `discord:<guild id>:<channel id>`. */
export function guildChannelKey(guildId: string, channelId: string): ChannelKey {
  return channelKey({ platform: 'discord', workspace: guildId, channel: channelId });
}

/** `discord:@dm:<channel id>`. */
export function dmChannelKey(channelId: string): ChannelKey {
  return channelKey({ platform: 'discord', workspace: DM_WORKSPACE, channel: channelId });
}

/**
 * When a snowflake was minted: its top 42 bits are milliseconds since the Discord epoch.
 * @see https://discord.com/developers/docs/reference#snowflakes
 * @unit epoch milliseconds
 */
export function snowflakeTs(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Orders snowflakes numerically (they outgrow Number's exact range). */
export function compareSnowflakes(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A jump link to a message. `linkChannelId` is where the message really lives (a thread's id for
 * a message in a thread). DMs use `@me` in place of the guild.
 */
export function messageLink(key: ChannelKey, messageId: string, linkChannelId?: string): string {
  const { workspace, channel } = parseChannelKey(key);
  const guild = workspace === DM_WORKSPACE ? '@me' : workspace;
  return `https://discord.com/channels/${guild}/${linkChannelId ?? channel}/${messageId}`;
}

/** The Discord guild and channel ids of a `discord:` key, or undefined for any other key. */
export function parseDiscordKey(key: ChannelKey): { guildId: string; channelId: string } | undefined {
  try {
    const ref = parseChannelKey(key);
    if (ref.platform !== 'discord') return undefined;
    return { guildId: ref.workspace, channelId: ref.channel };
  } catch {
    return undefined;
  }
}

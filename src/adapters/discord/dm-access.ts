import { DiscordAPIError, RESTJSONErrorCodes, type Guild, type GuildMember } from 'discord.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { canRead, historyChannels, READ_PERMISSIONS, toCoreChannel, type HistoryChannel } from './channels.js';
import { loggableError } from './loggable-error.js';

/** A channel a user may be answered from, with a name fit to show them. */
export interface ReadableChannel {
  key: ChannelKey;
  channel: HistoryChannel;
  /** "#general in Acme". */
  label: string;
}

/**
 * The channels an answer to this user may draw on: in every guild the user shares with the bot,
 * each channel both can read (View Channel and Read Message History), judged now. The member is
 * fetched over REST every time (`force`): without the GuildMembers intent the cache is not kept up
 * to date, and a role taken away a minute ago must already count. Roles and permission overwrites
 * come with the Guilds intent, so the cache has them current.
 */
export async function readableChannels(ctx: DiscordContext, userId: string): Promise<ReadableChannel[]> {
  const guilds = [...ctx.client.guilds.cache.values()];
  const perGuild = await Promise.all(
    guilds.map(async (guild) => {
      const member = await currentMember(ctx, guild, userId);
      const me = guild.members.me;
      if (!member || !me) return [];
      return historyChannels(guild)
        .filter((channel) => canRead(channel, member) && channel.permissionsFor(me).has(READ_PERMISSIONS))
        .map((channel) => ({ key: toCoreChannel(channel).key, channel, label: `#${channel.name} in ${guild.name}` }));
    }),
  );
  return perGuild.flat();
}

/** The user's membership in a guild as Discord has it now, or undefined when not a member. */
async function currentMember(ctx: DiscordContext, guild: Guild, userId: string): Promise<GuildMember | undefined> {
  try {
    return await guild.members.fetch({ user: userId, force: true });
  } catch (error) {
    const notMember =
      error instanceof DiscordAPIError &&
      (error.code === RESTJSONErrorCodes.UnknownMember || error.code === RESTJSONErrorCodes.UnknownUser);
    // Failing closed: a guild we cannot check contributes nothing.
    if (!notMember) ctx.logger.warn({ err: loggableError(error), guild: guild.id }, 'discord: could not check membership; leaving the guild out');
    return undefined;
  }
}

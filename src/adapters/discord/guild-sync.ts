import { PermissionFlagsBits, type Guild } from 'discord.js';
import type { DiscordContext } from './context.js';
import { historyChannels, toCoreChannel, type HistoryChannel } from './channels.js';

/** Tells the engine about a guild and the channels in it the bot can see. */
export async function syncGuild(ctx: DiscordContext, guild: Guild): Promise<void> {
  await ctx.engine.registerWorkspace({ platform: 'discord', id: guild.id, name: guild.name });
  const me = guild.members.me;
  const visible = historyChannels(guild).filter((c) => me && c.permissionsFor(me).has(PermissionFlagsBits.ViewChannel));
  for (const channel of visible) await ctx.engine.upsertChannel(toCoreChannel(channel));
  ctx.logger.info({ guild: guild.id, channels: visible.length }, 'discord: guild synced');
}

/** A channel was created or changed (renamed, made private): refresh what the engine knows. */
export async function syncChannel(ctx: DiscordContext, channel: HistoryChannel): Promise<void> {
  await ctx.engine.upsertChannel(toCoreChannel(channel));
}

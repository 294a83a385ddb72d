import type { ChatInputCommandInteraction } from 'discord.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { guildChannelKey } from './keys.js';

/** The guild channel a command was used in, in Mull's terms (a thread counts as its parent). */
export interface CommandChannel {
  key: ChannelKey;
  /** "#general". */
  label: string;
}

/** Undefined when the command was used in a DM. */
export function commandChannel(ctx: DiscordContext, interaction: ChatInputCommandInteraction): CommandChannel | undefined {
  if (!interaction.inGuild()) return undefined;
  const channel = ctx.client.channels.cache.get(interaction.channelId);
  const target = channel?.isThread() ? (channel.parent ?? channel) : channel;
  const id = channel?.isThread() ? (channel.parentId ?? channel.id) : interaction.channelId;
  const name = target && 'name' in target && target.name ? target.name : id;
  return { key: guildChannelKey(interaction.guildId, id), label: `#${name}` };
}

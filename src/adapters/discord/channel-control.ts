import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, PermissionFlagsBits,
  type ButtonInteraction, type ChatInputCommandInteraction,
} from 'discord.js';
import type { ChannelSettings } from '../../core/engine.js';
import { asMullError } from '../../core/errors.js';
import type { DiscordContext } from './context.js';
import { commandChannel } from './interaction-channel.js';
import { guildChannelKey } from './keys.js';
import { loggableError } from './loggable-error.js';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;
export const NOT_ALLOWED = 'Only members with **Manage Channels** here can change how Mull works in this channel.';
/** `mull_forget:<confirm|refill|cancel>:<channel id>` */
const FORGET_ID = /^mull_forget:(confirm|refill|cancel):(\d+)$/;

/**
 * Manage Channels in this channel: `memberPermissions` is what Discord computed for the member in
 * the channel the interaction came from, overwrites included.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
function mayManage(interaction: ChatInputCommandInteraction | ButtonInteraction): boolean {
  return interaction.inGuild() && Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels));
}

/** `/mull settings [passes] [effort] [answers] [threads]`: shows them; with options, changes them. */
export async function runSettings(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const here = commandChannel(ctx, interaction);
  if (!here) return void (await interaction.reply({ content: 'Run `/mull settings` in the channel it is about.', ...ephemeral }));
  const o = interaction.options;
  const patch: Partial<ChannelSettings> = {
    ...(o.getBoolean('passes') !== null ? { passes: o.getBoolean('passes')! } : {}),
    ...(o.getString('effort') !== null ? { effort: o.getString('effort') === 'default' ? null : (o.getString('effort') as ChannelSettings['effort']) } : {}),
    ...(o.getString('answers') !== null ? { answers: o.getString('answers') as ChannelSettings['answers'] } : {}),
    ...(o.getBoolean('threads') !== null ? { threadFollowUps: o.getBoolean('threads')! } : {}),
  };
  const changing = Object.keys(patch).length > 0;
  if (changing && !mayManage(interaction)) return void (await interaction.reply({ content: NOT_ALLOWED, ...ephemeral }));
  await interaction.deferReply(ephemeral);
  try {
    const settings = changing ? await ctx.engine.updateChannelSettings(here.key, patch) : await ctx.engine.channelSettings(here.key);
    if (changing) ctx.logger.info({ channel: here.key, patch }, 'discord: settings changed');
    await interaction.editReply(`**Mull in ${here.label}**${changing ? ' now' : ''}:\n${describeSettings(settings).join('\n')}`);
  } catch (error) {
    await interaction.editReply(`Could not change that: ${asMullError(error).message}`);
  }
}

export function describeSettings(settings: ChannelSettings): string[] {
  return [
    `- Sleep passes: **${settings.passes ? 'on' : 'paused'}**`,
    `- Sleep effort: **${settings.effort ?? 'the server default'}**`,
    `- Answers: **${settings.answers === 'public' ? 'in the channel, for everyone' : 'sent to the asker by DM'}**`,
    `- Follow-ups in threads I was tagged in: **${settings.threadFollowUps ? 'answered without a new mention' : 'need a new mention'}**`,
  ];
}

/** `/mull forget`: asks first, with buttons only the asker sees. */
export async function runForget(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const here = commandChannel(ctx, interaction);
  if (!here) return void (await interaction.reply({ content: 'Run `/mull forget` in the channel it is about.', ...ephemeral }));
  if (!mayManage(interaction)) return void (await interaction.reply({ content: NOT_ALLOWED, ...ephemeral }));
  const channelId = here.key.split(':').at(-1)!;
  const button = (action: string, label: string, style: ButtonStyle) =>
    new ButtonBuilder().setCustomId(`mull_forget:${action}:${channelId}`).setLabel(label).setStyle(style);
  await interaction.reply({
    content:
      `Forget ${here.label}? I will drop everything I learned here (notes, prepared answers), the history I stored and ` +
      'the questions asked of me here. Nothing else is touched.',
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        button('confirm', 'Forget; start from the next message', ButtonStyle.Danger),
        button('refill', 'Forget and read the history again', ButtonStyle.Secondary),
        button('cancel', 'Cancel', ButtonStyle.Secondary),
      ),
    ],
    ...ephemeral,
  });
}

/** The forget buttons. The permission is checked again: rights may have changed since. */
export async function onForgetButton(ctx: DiscordContext, interaction: ButtonInteraction, backfill: (guildId: string) => void): Promise<boolean> {
  const match = FORGET_ID.exec(interaction.customId);
  if (!match) return false;
  const [, action, channelId] = match;
  if (action === 'cancel') return void (await interaction.update({ content: 'Nothing was forgotten.', components: [] })), true;
  if (!interaction.inGuild() || !mayManage(interaction)) return void (await interaction.update({ content: NOT_ALLOWED, components: [] })), true;
  await interaction.deferUpdate();
  try {
    const report = await ctx.engine.forget(guildChannelKey(interaction.guildId, channelId!), { refill: action === 'refill' });
    if (action === 'refill') backfill(interaction.guildId);
    await interaction.editReply({
      content:
        `Forgot <#${channelId}>: ${report.messages} stored messages, ${report.notes} notes, ${report.anticipated} prepared answers and ` +
        `${report.questions} logged questions are gone. ${action === 'refill' ? 'I am reading the history again now.' : 'I start over from the next message.'}`,
      components: [],
    });
  } catch (error) {
    ctx.logger.error({ err: loggableError(error) }, 'discord: forget failed');
    await interaction.editReply({ content: 'Could not forget this channel; it may be partly done: run `/mull forget` again to finish.', components: [] });
  }
  return true;
}

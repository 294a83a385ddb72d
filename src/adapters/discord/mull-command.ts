import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { answerChunks, failureText } from './answer-reply.js';
import { readableChannels } from './dm-access.js';
import { NO_SHARED_CHANNELS_REPLY } from './dms.js';
import { formatStats, HELP_TEXT } from './format-report.js';
import { commandChannel } from './interaction-channel.js';
import { dmChannelKey } from './keys.js';
import { editReplyInChunks } from './send-chunks.js';
import { splitMessage } from './split-message.js';
import { loggableError } from './loggable-error.js';
import { describeSettings, runForget, runSettings } from './channel-control.js';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** `/mull help | stats | ask question | settings | forget`, all answered only to the person asking. */
export async function runMull(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const sub = interaction.options.getSubcommand();
  if (sub === 'help') {
    await interaction.reply({ content: HELP_TEXT, ...ephemeral });
    return;
  }
  if (sub === 'settings') return runSettings(ctx, interaction);
  if (sub === 'forget') return runForget(ctx, interaction);
  await interaction.deferReply(ephemeral);
  const allowed = await scopeFor(ctx, interaction);
  if (allowed.size === 0) {
    await interaction.editReply(NO_SHARED_CHANNELS_REPLY);
    return;
  }
  const inDm = commandChannel(ctx, interaction) === undefined;
  try {
    if (sub === 'stats') {
      // In a DM: summed over the channels the user can read now (and this DM), never the store's totals.
      const target = inDm ? { scope: [...allowed.keys(), dmChannelKey(interaction.channelId)] } : [...allowed.keys()][0];
      const stats = await ctx.engine.stats(target);
      const visible = { ...stats, channels: stats.channels.filter((c) => allowed.has(c.channel)) };
      const settings = inDm ? [] : ['**Settings here**', ...describeSettings(await ctx.engine.channelSettings(target as ChannelKey))];
      const text = [formatStats(visible, (key) => allowed.get(key) ?? key, { teamBudget: !inDm }), ...settings].join('\n');
      await editReplyInChunks(interaction, splitMessage(text), true);
      return;
    }
    const question = interaction.options.getString('question', true);
    const askedIn = inDm ? dmChannelKey(interaction.channelId) : [...allowed.keys()][0]!;
    // Ephemeral: only the asker sees it, so the question must not shape the channel's next pass.
    const answer = await ctx.engine.ask({ asker: interaction.user.id, askedIn, scope: [...allowed.keys()], question, private: true });
    ctx.logger.info({ channel: askedIn, path: answer.path, ms: answer.latencyMs }, 'discord: answered /mull ask');
    await editReplyInChunks(interaction, await answerChunks(ctx, answer, allowed, inDm), true, { suppressEmbeds: inDm });
  } catch (error) {
    ctx.logger.error({ err: loggableError(error), command: sub }, 'discord: /mull failed');
    await interaction.editReply(failureText(error));
  }
}

/** In a channel, that channel; in a DM, every channel the user can read now. */
async function scopeFor(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<Map<ChannelKey, string>> {
  const here = commandChannel(ctx, interaction);
  if (here) return new Map([[here.key, here.label]]);
  const readable = await readableChannels(ctx, interaction.user.id);
  return new Map(readable.map((entry) => [entry.key, entry.label]));
}

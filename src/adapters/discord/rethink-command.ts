import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { asMullError, ErrorCode } from '../../core/errors.js';
import type { DiscordContext } from './context.js';
import { formatPassReport } from './format-report.js';
import { commandChannel } from './interaction-channel.js';
import { editReplyInChunks } from './send-chunks.js';
import { splitMessage } from './split-message.js';
import { loggableError } from './loggable-error.js';

/**
 * `/rethink [topic]`: a pass over this channel now. A pass takes far longer than the 3 seconds
 * Discord waits for the first response (after which the token is dead: 10062 Unknown
 * interaction), so the reply is deferred first and edited when the pass is done; the token lives
 * 15 minutes. The engine single-flights passes: a second /rethink joins or queues behind one.
 */
export async function runRethink(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const where = commandChannel(ctx, interaction);
  if (!where) {
    await interaction.reply({ content: 'Use `/rethink` in a server channel.', flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferReply();
  const topic = interaction.options.getString('topic')?.trim() || undefined;
  const result = (async () => {
    try {
      // A person's request: their cooldown and the channel's apply (the engine says when to retry).
      const report = await ctx.engine.rethink(where.key, { topic, onDemand: true, asker: interaction.user.id });
      ctx.logger.info({ channel: where.key, status: report.status, ms: report.durationMs }, 'discord: /rethink done');
      return formatPassReport(report, where.label, topic);
    } catch (error) {
      ctx.logger.error({ err: loggableError(error), channel: where.key }, 'discord: /rethink failed');
      return `Rethinking ${where.label} failed (${asMullError(error, ErrorCode.Adapter).code}). Nothing was changed.`;
    }
  })();
  // The interaction token dies after 15 minutes; a pass queued behind another, or on a slow local
  // model, can outlive it. Then the deferred reply says so and the report goes to the channel.
  let timer: NodeJS.Timeout | undefined;
  const tokenExpiry = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ctx.options.interactionReplyMs);
  });
  const first = await Promise.race([result, tokenExpiry]);
  clearTimeout(timer);
  if (first !== 'late') {
    await editReplyInChunks(interaction, splitMessage(first), false);
    return;
  }
  await interaction.editReply({ content: `Still thinking about ${where.label}; I will post what changed here when the pass is done.` });
  const text = await result;
  const channel = interaction.channel;
  if (channel?.isSendable()) for (const content of splitMessage(text)) await channel.send({ content, allowedMentions: { parse: [] } });
}

import {
  ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle,
  type ButtonInteraction, type ModalSubmitInteraction,
} from 'discord.js';
import type { PreparedRef } from '../../core/engine.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { loggableError } from './loggable-error.js';

/** `mull_fb:<up|down>` on the answer's last message; the answer is looked up by that message's id. */
const VOTE_ID = /^mull_fb:(up|down)$/;
const REASON_ID = /^mull_fb_reason:(\d+)$/;
const VOTE_TTL_MS = 30 * 86_400_000;
const ANSWER_TTL_MS = 30 * 86_400_000;
const ANSWER_KEPT_CHARS = 2_000;
const ephemeral = { flags: MessageFlags.Ephemeral } as const;

interface AnsweredRecord {
  askedIn: ChannelKey;
  question: string;
  answer: string;
  /** The prepared answer it came from, so a 👎 reviews exactly that one. */
  prepared?: PreparedRef;
}

const answerKey = (messageId: string) => `discord:answer:${messageId}`;

/** 👍/👎 under an answer, as on Slack. */
export function feedbackRow(): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId('mull_fb:up').setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId('mull_fb:down').setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
}

/** Remembers what an answer message answered, so a vote counts in its channel and a 👎 reason can name it. */
export async function rememberAnswer(ctx: DiscordContext, messageId: string, record: AnsweredRecord): Promise<void> {
  await ctx.store.setState(answerKey(messageId), { ...record, answer: record.answer.slice(0, ANSWER_KEPT_CHARS) }, ANSWER_TTL_MS).catch((error: unknown) => {
    ctx.logger.warn({ err: loggableError(error) }, 'discord: could not remember an answer for feedback');
  });
}

/**
 * A vote counts once per person per answer, in the channel the answer was asked in (from the
 * stored record: the button carries nothing a client could forge). A 👎 opens a modal asking
 * what was wrong; its reason reaches the engine with the question and the answer it judged.
 */
export async function onFeedbackButton(ctx: DiscordContext, interaction: ButtonInteraction): Promise<boolean> {
  const match = VOTE_ID.exec(interaction.customId);
  if (!match) return false;
  const vote = match[1] as 'up' | 'down';
  const record = await ctx.store.getState<AnsweredRecord>(answerKey(interaction.message.id));
  if (!record) return void (await interaction.reply({ content: 'Thanks! (That answer is too old to record feedback on.)', ...ephemeral })), true;
  const first = await ctx.store.setIfAbsent(`discord:feedback:${interaction.message.id}:${interaction.user.id}`, vote, VOTE_TTL_MS);
  if (!first) return void (await interaction.reply({ content: 'Thanks, noted.', ...ephemeral })), true;
  if (vote === 'down') {
    // A modal must be the first response (within 3 s): shown before the vote is written.
    await interaction.showModal(
      new ModalBuilder()
        .setCustomId(`mull_fb_reason:${interaction.message.id}`)
        .setTitle('What was wrong?')
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId('reason').setLabel('Tell Mull, so its next pass can fix it').setStyle(TextInputStyle.Paragraph).setMaxLength(500).setRequired(false),
          ),
        ),
    );
  } else {
    await interaction.reply({ content: 'Thanks, noted.', ...ephemeral });
  }
  await ctx.engine.recordFeedback(record.askedIn, vote);
  ctx.logger.info({ channel: record.askedIn, vote }, 'discord: feedback recorded');
  return true;
}

export async function onFeedbackReason(ctx: DiscordContext, interaction: ModalSubmitInteraction): Promise<boolean> {
  const match = REASON_ID.exec(interaction.customId);
  if (!match) return false;
  await interaction.reply({ content: 'Thanks, I will look at it again.', ...ephemeral });
  const reason = interaction.fields.getTextInputValue('reason').trim();
  const record = await ctx.store.getState<AnsweredRecord>(answerKey(match[1]!));
  if (!record || !reason) return true;
  await ctx.engine.recordFeedbackReason({
    channel: record.askedIn, question: record.question, answer: record.answer, reason, answerId: match[1]!, user: interaction.user.id, prepared: record.prepared,
  });
  return true;
}

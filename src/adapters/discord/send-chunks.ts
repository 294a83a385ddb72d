import { MessageFlags, type ChatInputCommandInteraction, type Message, type MessageMentionOptions } from 'discord.js';

/**
 * Answers quote people and channels; they must never ping `@everyone`, a role or a user by
 * accident. Only the asker is notified, through the reply itself.
 */
export const SAFE_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: true };

/**
 * Replies to a message: the first chunk carries `message_reference` (shown as a reply), the rest
 * follow in the same channel, in order.
 */
export async function replyInChunks(message: Message, chunks: readonly string[]): Promise<void> {
  const [first, ...rest] = chunks;
  if (first === undefined) return;
  // Never ping a bot (when other bots are answered at all): two bots answering pings would loop.
  const repliedUser = !(message.author.bot || message.webhookId);
  await message.reply({ content: first, allowedMentions: { ...SAFE_MENTIONS, repliedUser } });
  const channel = message.channel;
  if (!channel.isSendable()) return;
  for (const content of rest) await channel.send({ content, allowedMentions: { parse: [] } });
}

/** Edits a deferred interaction's reply to the first chunk; further chunks are follow-ups. */
export async function editReplyInChunks(
  interaction: ChatInputCommandInteraction,
  chunks: readonly string[],
  ephemeral: boolean,
): Promise<void> {
  const [first, ...rest] = chunks;
  if (first === undefined) return;
  await interaction.editReply({ content: first, allowedMentions: { parse: [] } });
  for (const content of rest) {
    await interaction.followUp({ content, allowedMentions: { parse: [] }, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}

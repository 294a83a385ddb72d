import { MessageFlags, type ActionRowBuilder, type ButtonBuilder, type ChatInputCommandInteraction, type Message, type MessageMentionOptions } from 'discord.js';

/**
 * Answers quote people and channels; they must never ping `@everyone`, a role or a user by
 * accident. Only the asker is notified, through the reply itself.
 */
export const SAFE_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: true };

export interface ChunkOptions {
  /**
   * Send with SuppressEmbeds: Discord then fetches no link preview. Set for answers in DMs, which
   * draw on several channels: a link planted in one channel's text (with another's text in its
   * query) would otherwise be fetched by Discord's unfurler and carry that text out.
   * @see https://discord.com/developers/docs/resources/message#message-object-message-flags
   */
  suppressEmbeds?: boolean;
  /** Buttons under the last message (feedback). */
  components?: ActionRowBuilder<ButtonBuilder>[];
}

const embedFlags = (options: ChunkOptions) => (options.suppressEmbeds ? MessageFlags.SuppressEmbeds : 0);

/**
 * Replies to a message: the first chunk carries `message_reference` (shown as a reply), the rest
 * follow in the same channel, in order; `components` ride on the last. Returns the last message sent.
 */
export async function replyInChunks(message: Message, chunks: readonly string[], options: ChunkOptions = {}): Promise<Message | undefined> {
  const [first, ...rest] = chunks;
  if (first === undefined) return undefined;
  const flags = embedFlags(options);
  const componentsOn = (last: boolean) => (last && options.components ? { components: options.components } : {});
  // Never ping a bot (when other bots are answered at all): two bots answering pings would loop.
  const repliedUser = !(message.author.bot || message.webhookId);
  let sent: Message = await message.reply({
    content: first, allowedMentions: { ...SAFE_MENTIONS, repliedUser }, ...(flags ? { flags } : {}), ...componentsOn(rest.length === 0),
  });
  const channel = message.channel;
  if (!channel.isSendable()) return sent;
  for (const [i, content] of rest.entries()) {
    sent = await channel.send({ content, allowedMentions: { parse: [] }, ...(flags ? { flags } : {}), ...componentsOn(i === rest.length - 1) });
  }
  return sent;
}

/** Edits a deferred interaction's reply to the first chunk; further chunks are follow-ups. */
export async function editReplyInChunks(
  interaction: ChatInputCommandInteraction,
  chunks: readonly string[],
  ephemeral: boolean,
  options: ChunkOptions = {},
): Promise<void> {
  const [first, ...rest] = chunks;
  if (first === undefined) return;
  const suppress = embedFlags(options);
  await interaction.editReply({ content: first, allowedMentions: { parse: [] }, ...(suppress ? { flags: suppress } : {}) });
  const flags = suppress | (ephemeral ? MessageFlags.Ephemeral : 0);
  for (const content of rest) {
    await interaction.followUp({ content, allowedMentions: { parse: [] }, ...(flags ? { flags } : {}) });
  }
}

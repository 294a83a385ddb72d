import { MessageFlags, PermissionFlagsBits, type Message } from 'discord.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { answerChunks, failureText } from './answer-reply.js';
import { questionText } from './question.js';
import { replyInChunks } from './send-chunks.js';
import { keepTyping } from './typing.js';
import { feedbackRow, rememberAnswer } from './feedback.js';
import { StreamingReply } from './streaming-reply.js';
import { loggableError } from './loggable-error.js';

export const EMPTY_MENTION_REPLY = 'Ask me something after the mention, e.g. `@Mull what did we decide about the launch?`';
export const NO_HISTORY_REPLY =
  "I can't answer here: I don't have the **Read Message History** permission in this channel, so I can't read what was said " +
  'or reply to your message. Ask a server admin to give my role Read Message History here.';

/**
 * Answers an @mention in a guild channel from that channel's context only (platform facts:
 * privacy), as a reply to the message, with the typing indicator on while the engine works.
 */
export async function answerMention(ctx: DiscordContext, message: Message, askedIn: ChannelKey): Promise<void> {
  const me = message.guild?.members.me;
  if (me && !message.channel.isDMBased() && !message.channel.permissionsFor(me).has(PermissionFlagsBits.ReadMessageHistory)) {
    // Without it the channel's history was never read (backfill needs it) and Discord rejects a
    // reply (message_reference), so the asker would hear nothing: say why, as a plain message.
    ctx.logger.warn({ channel: askedIn, message: message.id }, 'discord: mention in a channel without Read Message History');
    if (message.channel.isSendable()) await message.channel.send({ content: NO_HISTORY_REPLY, allowedMentions: { parse: [] } }).catch(() => {});
    return;
  }
  const question = questionText(message, ctx.client.user.id);
  if (!question) {
    await replyInChunks(message, [EMPTY_MENTION_REPLY]);
    return;
  }
  const stopTyping = message.channel.isSendable()
    ? keepTyping(message.channel, ctx.options.typingIntervalMs, ctx.logger)
    : () => {};
  const onlyAsker = (await ctx.engine.channelSettings(askedIn)).answers === 'asker';
  // Long answers show while the model writes them (one reply, edited at most once a second).
  const stream = onlyAsker ? undefined : new StreamingReply(message, ctx.options.streamEditMs, ctx.logger);
  try {
    const answer = await ctx.engine.ask({
      asker: message.author.id,
      askedIn,
      scope: [askedIn],
      question,
      questionMessageId: message.id,
      ...(stream ? { onPartial: (partial: string) => stream.update(partial) } : {}),
    });
    ctx.logger.info({ channel: askedIn, message: message.id, path: answer.path, ms: answer.latencyMs }, 'discord: answered mention');
    const chunks = await answerChunks(ctx, answer, new Map([[askedIn, '']]), false);
    if (onlyAsker) return void (await sendToAsker(message, chunks));
    const components = [feedbackRow()];
    const carrier = (await stream?.finish(chunks, components)) ?? (await replyInChunks(message, chunks, { components }));
    if (carrier) await rememberAnswer(ctx, carrier.id, { askedIn, question, answer: answer.text, prepared: answer.prepared });
  } catch (error) {
    ctx.logger.error({ err: loggableError(error), channel: askedIn, message: message.id }, 'discord: mention failed');
    await replyInChunks(message, [failureText(error)]).catch(() => {});
  } finally {
    stopTyping();
  }
}

/**
 * The channel wants answers only the asker sees: a mention cannot be answered ephemerally on
 * Discord (only interactions can), so the answer goes to the asker by DM, without link previews.
 */
async function sendToAsker(message: Message, chunks: readonly string[]): Promise<void> {
  try {
    const dm = await message.author.createDM();
    for (const content of chunks) await dm.send({ content, allowedMentions: { parse: [] }, flags: MessageFlags.SuppressEmbeds });
  } catch {
    await replyInChunks(message, [ASKER_DM_CLOSED]);
  }
}

export const ASKER_DM_CLOSED =
  'Answers here go only to the person who asked, by DM, and I could not DM you. Allow DMs from server members, or use `/mull ask`.';

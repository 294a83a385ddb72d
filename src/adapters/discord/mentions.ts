import type { Message } from 'discord.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { answerChunks, failureText } from './answer-reply.js';
import { questionText } from './question.js';
import { replyInChunks } from './send-chunks.js';
import { keepTyping } from './typing.js';
import { loggableError } from './loggable-error.js';

export const EMPTY_MENTION_REPLY = 'Ask me something after the mention, e.g. `@Mull what did we decide about the launch?`';

/**
 * Answers an @mention in a guild channel from that channel's context only (platform facts:
 * privacy), as a reply to the message, with the typing indicator on while the engine works.
 */
export async function answerMention(ctx: DiscordContext, message: Message, askedIn: ChannelKey): Promise<void> {
  const question = questionText(message, ctx.client.user.id);
  if (!question) {
    await replyInChunks(message, [EMPTY_MENTION_REPLY]);
    return;
  }
  const stopTyping = message.channel.isSendable()
    ? keepTyping(message.channel, ctx.options.typingIntervalMs, ctx.logger)
    : () => {};
  try {
    const answer = await ctx.engine.ask({
      asker: message.author.id,
      askedIn,
      scope: [askedIn],
      question,
      questionMessageId: message.id,
    });
    ctx.logger.info({ channel: askedIn, message: message.id, path: answer.path, ms: answer.latencyMs }, 'discord: answered mention');
    await replyInChunks(message, await answerChunks(ctx, answer, new Map([[askedIn, '']]), false));
  } catch (error) {
    ctx.logger.error({ err: loggableError(error), channel: askedIn, message: message.id }, 'discord: mention failed');
    await replyInChunks(message, [failureText(error)]).catch(() => {});
  } finally {
    stopTyping();
  }
}

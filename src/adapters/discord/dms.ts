import type { Message } from 'discord.js';
import type { DiscordContext } from './context.js';
import { answerChunks, failureText } from './answer-reply.js';
import { readableChannels } from './dm-access.js';
import { dmChannelKey } from './keys.js';
import { questionText } from './question.js';
import { replyInChunks } from './send-chunks.js';
import { keepTyping } from './typing.js';
import { loggableError } from './loggable-error.js';

export const NO_SHARED_CHANNELS_REPLY =
  'I can only answer from channels you can read in servers we share, and I found none. Ask in a channel, or check that I am in your server.';

/**
 * Answers a DM from the channels the asker can read now, in the guilds they share with the bot,
 * and names the channels the answer drew on.
 */
export async function answerDm(ctx: DiscordContext, message: Message): Promise<void> {
  const question = questionText(message, ctx.client.user.id);
  if (!question) return;
  const askedIn = dmChannelKey(message.channelId);
  const stopTyping = message.channel.isSendable()
    ? keepTyping(message.channel, ctx.options.typingIntervalMs, ctx.logger)
    : () => {};
  try {
    const readable = await readableChannels(ctx, message.author.id);
    if (readable.length === 0) {
      await replyInChunks(message, [NO_SHARED_CHANNELS_REPLY]);
      return;
    }
    const allowed = new Map(readable.map((entry) => [entry.key, entry.label]));
    const answer = await ctx.engine.ask({
      asker: message.author.id,
      askedIn,
      scope: [...allowed.keys()],
      question,
      questionMessageId: message.id,
      // Only the asker sees a DM: the question must not shape any channel's pass.
      private: true,
    });
    ctx.logger.info({ channel: askedIn, scope: allowed.size, path: answer.path, ms: answer.latencyMs }, 'discord: answered DM');
    await replyInChunks(message, await answerChunks(ctx, answer, allowed, true), { suppressEmbeds: true });
  } catch (error) {
    ctx.logger.error({ err: loggableError(error), channel: askedIn, message: message.id }, 'discord: DM failed');
    await replyInChunks(message, [failureText(error)]).catch(() => {});
  } finally {
    stopTyping();
  }
}

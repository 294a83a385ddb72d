import type { ActionRowBuilder, ButtonBuilder, Message } from 'discord.js';
import type { Logger } from '../../core/logger.js';
import { ProgressMessage } from '../progress-message.js';
import { SAFE_MENTIONS } from './send-chunks.js';

/** Discord's message limit, less room for the " …" that marks a reply still being written. @unit characters */
const MAX_PROGRESS_CHARS = 1_990;

/**
 * A long answer shown while the model writes it: one reply, edited at most once per `editEveryMs`
 * (discord.js queues on Discord's rate-limit buckets), then settled into the finished answer split
 * under 2,000 characters: the reply becomes the first part, the rest follow in order.
 */
export class StreamingReply {
  private readonly progress: ProgressMessage<Message>;

  constructor(question: Message, editEveryMs: number, logger: Logger) {
    this.progress = new ProgressMessage<Message>({
      intervalMs: editEveryMs,
      minChars: 40,
      afterMs: 700,
      render: (latest) => {
        let text = latest.slice(0, MAX_PROGRESS_CHARS);
        if ((text.match(/```/g) ?? []).length % 2 === 1) text += '\n```';
        return `${text} …`;
      },
      post: (content) => question.reply({ content, allowedMentions: { ...SAFE_MENTIONS, repliedUser: !question.author.bot } }),
      edit: async (reply, content) => void (await reply.edit({ content, allowedMentions: { parse: [] } })),
      onError: (error, what) => logger.debug({ err: error }, `discord: progress ${what} failed`),
    });
  }

  /** The engine's answer text so far. */
  update(text: string): void {
    this.progress.update(text);
  }

  /**
   * Settles into the finished answer: the progress reply becomes the first chunk, later chunks are
   * sent after it, and `components` ride on the last. Returns that last message, or undefined when
   * there was no progress reply (the caller then replies as usual).
   */
  async finish(chunks: readonly string[], components: ActionRowBuilder<ButtonBuilder>[]): Promise<Message | undefined> {
    const reply = await this.progress.settle();
    if (!reply) return undefined;
    const [first = '', ...rest] = chunks;
    let last: Message = await reply.edit({ content: first, allowedMentions: { parse: [] }, components: rest.length === 0 ? components : [] });
    for (const [i, content] of rest.entries()) {
      if (!reply.channel.isSendable()) break;
      last = await reply.channel.send({ content, allowedMentions: { parse: [] }, components: i === rest.length - 1 ? components : [] });
    }
    return last;
  }
}

import type { types } from '@slack/bolt';
import { ProgressMessage } from '../progress-message.js';
import type { SlackContext } from './slack-context.js';
import { markdownToMrkdwn } from './mrkdwn.js';

/** Below this many characters a draft is not worth a message: the answer will follow shortly. */
const MIN_DRAFT_CHARS = 40;
/**
 * An answer finished sooner than this arrives whole, without a draft: a draft costs a post and
 * an edit, and flickers. @unit milliseconds
 */
const DRAFT_AFTER_MS = 700;

/**
 * The message an answer streams into where native streaming is not available: posted once the
 * model has written a little, edited with chat.update as the text grows (throttled, see
 * `streamUpdateMs`, and within the workspace's allowance of draft edits), and finally replaced by
 * the finished first part of the answer. Progress goes through the drafts' own client, so a 429
 * drops a frame instead of pausing every answer.
 */
export class DraftMessage {
  private readonly progress: ProgressMessage<string>;
  private finishedTs: string | undefined;

  constructor(
    private readonly ctx: SlackContext,
    private readonly target: { channel: string; threadTs?: string },
  ) {
    this.progress = new ProgressMessage<string>({
      intervalMs: ctx.options.streamUpdateMs,
      minChars: MIN_DRAFT_CHARS,
      afterMs: DRAFT_AFTER_MS,
      mayEdit: () => ctx.draftEdits.take(),
      render: (latest) => this.render(latest),
      post: async (text) =>
        (await ctx.draftClient.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text, unfurl_links: false, unfurl_media: false })).ts,
      edit: async (ts, text) => void (await ctx.draftClient.chat.update({ channel: target.channel, ts, text })),
      onError: (error, what) => ctx.logger.debug({ err: error }, `slack draft ${what} failed`),
    });
  }

  /** The engine's answer text so far. */
  update(text: string): void {
    this.progress.update(text);
  }

  /** The draft message's ts once finished, if there was one. */
  get ts(): string | undefined {
    return this.finishedTs;
  }

  /** Replaces the draft with the finished first message; returns false when there was no draft. */
  async finish(text: string, blocks?: types.KnownBlock[]): Promise<boolean> {
    const ts = await this.progress.settle();
    if (!ts) return false;
    this.finishedTs = ts;
    await this.ctx.client.chat.update({ channel: this.target.channel, ts, text, ...(blocks ? { blocks } : { blocks: [] }) });
    return true;
  }

  /** The draft as Slack text: converted first, then cut (conversion can lengthen it), fences closed. */
  private render(latest: string): string {
    const limit = this.ctx.options.maxMessageChars - 8;
    let text = markdownToMrkdwn(latest);
    if (text.length > limit) text = `${text.slice(0, limit)}…`;
    if ((text.match(/```/g) ?? []).length % 2 === 1) text += '\n```';
    return `${text} …`;
  }
}

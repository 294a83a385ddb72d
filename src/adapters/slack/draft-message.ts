import type { types } from '@slack/bolt';
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
 * The message an answer streams into: posted once the model has written a little, edited as the
 * text grows (throttled, see `streamUpdateMs`), and finally replaced by the finished first part of
 * the answer. Edits are fire-and-forget in order; a failed edit only costs the progress display.
 */
export class DraftMessage {
  private posting: Promise<string | undefined> | undefined;
  private finishedTs: string | undefined;
  private latest = '';
  private shown = '';
  private timer: NodeJS.Timeout | undefined;
  private lastEdit = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly startedAt = Date.now();
  /** Set by finish(): a shared allowance answers asynchronously, and a late frame must not overwrite the answer. */
  private finished = false;

  constructor(
    private readonly ctx: SlackContext,
    private readonly target: { channel: string; threadTs?: string },
  ) {}

  /** The engine's answer text so far. */
  update(text: string): void {
    this.latest = text;
    if (text.length < MIN_DRAFT_CHARS || Date.now() - this.startedAt < DRAFT_AFTER_MS) return;
    if (!this.posting) {
      this.posting = this.post(this.render()).catch((error) => {
        this.ctx.logger.debug({ err: error }, 'slack draft post failed');
        return undefined;
      });
      this.lastEdit = Date.now();
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastEdit + this.ctx.options.streamUpdateMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastEdit = Date.now();
      // Over the workspace's allowance this frame is skipped; the next one (or the finish) catches up.
      void Promise.resolve(this.ctx.draftEdits.take()).then((ok) => {
        if (ok && !this.finished) this.enqueue(this.render());
      });
    }, wait);
  }

  /** The draft message's ts once finished, if there was one. */
  get ts(): string | undefined {
    return this.finishedTs;
  }

  /** Replaces the draft with the finished first message; returns false when there was no draft. */
  async finish(text: string, blocks?: types.KnownBlock[]): Promise<boolean> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.finished = true;
    if (!this.posting) return false;
    const ts = await this.posting;
    await this.chain;
    if (!ts) return false;
    this.finishedTs = ts;
    await this.ctx.client.chat.update({ channel: this.target.channel, ts, text, ...(blocks ? { blocks } : { blocks: [] }) });
    return true;
  }

  /** The draft as Slack text: converted first, then cut (conversion can lengthen it), fences closed. */
  private render(): string {
    const limit = this.ctx.options.maxMessageChars - 8;
    let text = markdownToMrkdwn(this.latest);
    if (text.length > limit) text = `${text.slice(0, limit)}…`;
    if ((text.match(/```/g) ?? []).length % 2 === 1) text += '\n```';
    return `${text} …`;
  }

  private enqueue(text: string): void {
    if (text === this.shown) return;
    this.shown = text;
    this.chain = this.chain.then(async () => {
      const ts = await this.posting;
      if (!ts) return;
      await this.ctx.draftClient.chat.update({ channel: this.target.channel, ts, text }).catch((error: unknown) => {
        this.ctx.logger.debug({ err: error }, 'slack draft edit failed');
      });
    });
  }

  private async post(text: string): Promise<string | undefined> {
    this.shown = text;
    const result = await this.ctx.draftClient.chat.postMessage({
      channel: this.target.channel,
      thread_ts: this.target.threadTs,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
    return result.ts;
  }
}

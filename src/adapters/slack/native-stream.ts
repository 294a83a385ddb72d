import type { types, webApi } from '@slack/bolt';
import type { SlackContext } from './slack-context.js';

/** Below this many characters nothing is streamed yet: the answer will follow shortly. */
const MIN_STREAM_CHARS = 40;
/**
 * Characters the Web API client's ChatStreamer collects before each chat.appendStream, so a long
 * answer costs a call per few lines, not per token.
 */
const STREAM_BUFFER_CHARS = 160;
/** Slack's markdown text limit for one message; a longer answer is finished by ordinary posts. @unit characters */
export const MAX_STREAM_CHARS = 12_000;

/**
 * An answer streamed with Slack's native AI streaming, through the Web API client's `chatStream`
 * helper (chat.startStream, appendStream, stopStream with `markdown_text`): Slack renders the
 * Markdown as it grows, with no chat.update budget to manage. Only in a thread (Slack requires
 * `thread_ts`). When the workspace refuses the method (older plan, missing scope, an API that
 * does not know it), `refused` is set so the caller falls back to the draft-and-update path, and
 * the workspace is remembered as refusing, so later answers go there at once.
 * @see https://docs.slack.dev/reference/methods/chat.startStream
 */
export class NativeStream {
  /** Set once Slack refused streaming here: the caller uses the draft instead. */
  refused = false;
  private streamer: webApi.ChatStreamer | undefined;
  private sent = '';
  private begun = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: SlackContext,
    private readonly target: { channel: string; threadTs: string; user: string },
  ) {}

  /** Whether an answer in this place may try native streaming. */
  static available(ctx: SlackContext, threadTs: string | undefined): threadTs is string {
    return ctx.options.nativeStreaming && threadTs !== undefined && !ctx.streaming.refused;
  }

  get started(): boolean {
    return this.streamer !== undefined && !this.refused;
  }

  /** The engine's answer text so far (each call the whole text): the new part is appended. */
  update(text: string): void {
    if (this.refused || text.length < MIN_STREAM_CHARS || text.length > MAX_STREAM_CHARS) return;
    // A partial that rewrote what was already shown cannot be streamed; the final text is checked too.
    if (!text.startsWith(this.sent) || text === this.sent) return;
    const delta = text.slice(this.sent.length);
    this.sent = text;
    this.streamer ??= this.ctx.client.chatStream({
      channel: this.target.channel,
      thread_ts: this.target.threadTs,
      recipient_team_id: this.ctx.identity.teamId,
      recipient_user_id: this.target.user,
      buffer_size: STREAM_BUFFER_CHARS,
    });
    const streamer = this.streamer;
    // The first piece starts the stream at once (`chunks: []` makes the helper flush), so people see
    // the answer begin and a refusal is known before more text is written; later pieces are buffered.
    const first = !this.begun;
    this.begun = true;
    this.chain = this.chain.then(() =>
      this.refused
        ? undefined
        : streamer.append({ markdown_text: delta, ...(first ? { chunks: [] } : {}) }).catch((error: unknown) => this.refuse(error)),
    );
  }

  /**
   * Ends the stream. When the final text continues what was streamed, the rest is appended and
   * `tail` (context line, sources, feedback) rides under it: `{ ts, whole: true }`. When it does
   * not (the final answer was rewritten), the stream is stopped and its message replaced by
   * `first`, the first formatted message: `{ ts, whole: false }`, and the caller posts the rest.
   * Undefined when nothing was streamed or Slack failed: the caller posts the answer itself.
   */
  async finish(
    finalText: string,
    tail: types.KnownBlock[],
    first: { text: string; blocks?: types.KnownBlock[] },
  ): Promise<{ ts: string; whole: boolean } | undefined> {
    await this.chain;
    if (!this.started) return undefined;
    const streamer = this.streamer!;
    try {
      if (finalText.startsWith(this.sent) && finalText.length <= MAX_STREAM_CHARS) {
        const rest = finalText.slice(this.sent.length);
        await streamer.stop({ ...(rest ? { markdown_text: rest } : {}), blocks: tail });
        return streamer.ts ? { ts: streamer.ts, whole: true } : undefined;
      }
      await streamer.stop();
      if (!streamer.ts) return undefined;
      await this.ctx.client.chat.update({ channel: this.target.channel, ts: streamer.ts, text: first.text, blocks: first.blocks ?? [] });
      return { ts: streamer.ts, whole: false };
    } catch (error) {
      // A short answer starts its stream only here, so a refusal can show up here first.
      if (!streamer.ts) this.refuse(error);
      else this.ctx.logger.warn({ err: error }, 'slack stream could not be finished; posting the answer instead');
      return undefined;
    }
  }

  private refuse(error: unknown): void {
    this.refused = true;
    // Slack answered (ok: false): the workspace does not take the method. A network blip is not remembered.
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code && !this.streamer?.ts) this.ctx.streaming.refused = true;
    this.ctx.logger.info({ code }, 'slack native streaming refused; using the draft message');
  }
}

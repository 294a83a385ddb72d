import { markdownToMrkdwn } from './mrkdwn.js';
/** Below this many characters a draft is not worth a message: the answer will follow shortly. */
const MIN_DRAFT_CHARS = 40;
/**
 * The message an answer streams into: posted once the model has written a little, edited as the
 * text grows (throttled, see `streamUpdateMs`), and finally replaced by the finished first part of
 * the answer. Edits are fire-and-forget in order; a failed edit only costs the progress display.
 */
export class DraftMessage {
    ctx;
    target;
    ts;
    latest = '';
    shown = '';
    timer;
    lastEdit = 0;
    chain = Promise.resolve();
    constructor(ctx, target) {
        this.ctx = ctx;
        this.target = target;
    }
    /** The engine's answer text so far. */
    update(text) {
        this.latest = text;
        if (text.length < MIN_DRAFT_CHARS)
            return;
        if (!this.ts) {
            this.ts = this.post(this.render()).catch((error) => {
                this.ctx.logger.debug({ err: error }, 'slack draft post failed');
                return undefined;
            });
            this.lastEdit = Date.now();
            return;
        }
        if (this.timer)
            return;
        const wait = Math.max(0, this.lastEdit + this.ctx.options.streamUpdateMs - Date.now());
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.lastEdit = Date.now();
            this.enqueue(this.render());
        }, wait);
    }
    /** Replaces the draft with the finished first message; returns false when there was no draft. */
    async finish(text, blocks) {
        clearTimeout(this.timer);
        this.timer = undefined;
        if (!this.ts)
            return false;
        const ts = await this.ts;
        await this.chain;
        if (!ts)
            return false;
        await this.ctx.client.chat.update({ channel: this.target.channel, ts, text, ...(blocks ? { blocks } : { blocks: [] }) });
        return true;
    }
    render() {
        const limit = this.ctx.options.maxMessageChars - 2;
        const text = this.latest.length > limit ? `${this.latest.slice(0, limit)}…` : this.latest;
        return `${markdownToMrkdwn(text)} …`;
    }
    enqueue(text) {
        if (text === this.shown)
            return;
        this.shown = text;
        this.chain = this.chain.then(async () => {
            const ts = await this.ts;
            if (!ts)
                return;
            await this.ctx.client.chat.update({ channel: this.target.channel, ts, text }).catch((error) => {
                this.ctx.logger.debug({ err: error }, 'slack draft edit failed');
            });
        });
    }
    async post(text) {
        this.shown = text;
        const result = await this.ctx.client.chat.postMessage({
            channel: this.target.channel,
            thread_ts: this.target.threadTs,
            text,
            unfurl_links: false,
            unfurl_media: false,
        });
        return result.ts;
    }
}

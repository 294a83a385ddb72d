/**
 * The one message an answer shows in while a model writes it, for adapters whose platform has no
 * native streaming (or refuses it): posted once the text is worth showing, edited as it grows at
 * most once per interval, in order, and handed back at the end so the adapter can put the finished
 * answer in its place. Edits are fire-and-forget; a failed one only costs the progress display.
 */
export interface ProgressTransport<Handle> {
  /** Posts the first frame; undefined when that failed (the answer is then posted as usual). */
  post(text: string): Promise<Handle | undefined>;
  edit(handle: Handle, text: string): Promise<void>;
  /** The frame as the platform shows it (converted, cut, fences closed, marked unfinished). */
  render(latest: string): string;
  /** Whether one more edit is allowed now (a workspace-wide allowance); skipped frames cost nothing. */
  mayEdit?(): boolean | Promise<boolean>;
  /** @unit milliseconds */
  intervalMs: number;
  /** Below this many characters nothing is shown yet. */
  minChars: number;
  /** An answer finished sooner than this arrives whole, without a progress message. @unit milliseconds */
  afterMs: number;
  onError(error: unknown, what: 'post' | 'edit'): void;
}

export class ProgressMessage<Handle> {
  private posting: Promise<Handle | undefined> | undefined;
  private latest = '';
  private shown = '';
  private timer: NodeJS.Timeout | undefined;
  private lastEdit = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly startedAt = Date.now();
  /** When the last post or edit went out: edits are spaced by the interval as sent, not only as queued. */
  private lastSentAt = 0;
  private settling = false;

  constructor(private readonly transport: ProgressTransport<Handle>) {}

  /** The answer text so far (each call the whole text). */
  update(text: string): void {
    const t = this.transport;
    this.latest = text;
    if (text.length < t.minChars || Date.now() - this.startedAt < t.afterMs) return;
    if (!this.posting) {
      this.shown = t.render(text);
      this.lastEdit = Date.now();
      this.lastSentAt = Date.now();
      this.posting = t.post(this.shown).catch((error: unknown) => {
        t.onError(error, 'post');
        return undefined;
      });
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastEdit = Date.now();
      // Over the allowance this frame is skipped; the next one (or the finished answer) catches up.
      const allowed = t.mayEdit ? t.mayEdit() : true;
      if (typeof allowed === 'boolean') {
        if (allowed) this.enqueue(t.render(this.latest));
        return;
      }
      // An allowance shared through Redis answers later: a frame allowed after settle() is dropped.
      void allowed.then((ok) => {
        if (ok && !this.settling) this.enqueue(t.render(this.latest));
      }, () => undefined);
    }, Math.max(0, this.lastEdit + t.intervalMs - Date.now()));
  }

  /** Stops editing and returns the progress message once every edit has landed, if there is one. */
  async settle(): Promise<Handle | undefined> {
    // Frames still waiting for their turn are dropped: the finished answer replaces them anyway.
    this.settling = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.posting) return undefined;
    const handle = await this.posting;
    await this.chain;
    return handle;
  }

  private enqueue(text: string): void {
    if (text === this.shown) return;
    this.shown = text;
    this.chain = this.chain.then(async () => {
      const handle = await this.posting;
      // A slow post or edit must not let the next edit follow it at once (Slack's and Discord's limits).
      const wait = this.lastSentAt + this.transport.intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (handle === undefined || this.settling) return;
      this.lastSentAt = Date.now();
      await this.transport.edit(handle, text).catch((error: unknown) => this.transport.onError(error, 'edit'));
    });
  }
}

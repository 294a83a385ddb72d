/**
 * Quiet-period trigger: a channel that had new messages and then went silent for a while gets a
 * pass, so `c'` is fresh by the time someone comes back with a question, instead of waiting for
 * the nightly run.
 *
 * One timer per channel, however busy it is. A message does not clear and re-create the timer; it
 * only moves the channel's "last activity" forward. When the timer fires it looks at how long the
 * channel has really been quiet and, if not long enough, sleeps for the remainder. A burst of
 * 1,000 messages is 1,000 map writes and a handful of timers, not 1,000 clear/set pairs.
 */
import type { ChannelKey } from '../core/ids.js';
import { silentLogger, type Logger } from '../core/logger.js';

export interface QuietPeriodOptions {
  /** How long a channel must stay silent after activity before `onQuiet` runs. @unit milliseconds */
  quietMs: number;
  /** Called once per quiet period. Errors are logged, never thrown into the timer. */
  onQuiet: (channel: ChannelKey) => void | Promise<void>;
  /** The clock. Defaults to `Date.now` (which vitest's fake timers replace). @unit epoch milliseconds */
  now?: () => number;
  logger?: Logger;
}

/** Node's setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); longer waits re-arm. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface Watch {
  /** The latest activity seen. @unit epoch milliseconds */
  lastActivityMs: number;
  timer: ReturnType<typeof setTimeout>;
}

export class QuietPeriodWatcher {
  readonly #quietMs: number;
  readonly #onQuiet: (channel: ChannelKey) => void | Promise<void>;
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #watches = new Map<ChannelKey, Watch>();
  #stopped = false;

  constructor(options: QuietPeriodOptions) {
    if (!(options.quietMs > 0)) throw new RangeError(`quietMs must be positive, got ${options.quietMs}`);
    this.#quietMs = options.quietMs;
    this.#onQuiet = options.onQuiet;
    this.#now = options.now ?? (() => Date.now());
    this.#logger = options.logger ?? silentLogger;
  }

  /**
   * Records activity in a channel and (re)starts its quiet period from `atMs`. Pass the time the
   * activity was received. A time in the future (a skewed platform clock) counts as now, so it
   * cannot postpone the pass; a time long past (a replayed event) makes the period end sooner,
   * which is right: the channel has been quiet since then.
   */
  notifyActivity(channel: ChannelKey, atMs: number = this.#now()): void {
    if (this.#stopped) return;
    const now = this.#now();
    const at = Math.min(atMs, now);
    const watch = this.#watches.get(channel);
    if (watch) {
      // The armed timer fires no later than the new deadline and re-arms for the rest.
      watch.lastActivityMs = Math.max(watch.lastActivityMs, at);
      return;
    }
    this.#watches.set(channel, { lastActivityMs: at, timer: this.#arm(channel, at + this.#quietMs - now) });
  }

  /** Forgets a channel's pending quiet period (a pass over it has just started anyway). */
  cancel(channel: ChannelKey): void {
    const watch = this.#watches.get(channel);
    if (!watch) return;
    clearTimeout(watch.timer);
    this.#watches.delete(channel);
  }

  /** Channels with activity that has not had its quiet period yet. */
  pendingChannels(): ChannelKey[] {
    return [...this.#watches.keys()];
  }

  /** Clears every timer; later activity is ignored. */
  stop(): void {
    this.#stopped = true;
    for (const watch of this.#watches.values()) clearTimeout(watch.timer);
    this.#watches.clear();
  }

  #arm(channel: ChannelKey, delayMs: number): ReturnType<typeof setTimeout> {
    // Globals looked up per call (not captured at import) so fake timers installed later apply.
    const timer = setTimeout(() => this.#fire(channel), Math.min(Math.max(0, delayMs), MAX_TIMEOUT_MS));
    // A pending quiet pass is no reason to keep the process alive at shutdown.
    timer.unref?.();
    return timer;
  }

  #fire(channel: ChannelKey): void {
    const watch = this.#watches.get(channel);
    if (!watch) return;
    const remaining = watch.lastActivityMs + this.#quietMs - this.#now();
    if (remaining > 0) {
      watch.timer = this.#arm(channel, remaining);
      return;
    }
    this.#watches.delete(channel);
    this.#logger.debug({ channel }, 'quiet period over');
    try {
      Promise.resolve(this.#onQuiet(channel)).catch((error: unknown) => this.#logFailure(channel, error));
    } catch (error) {
      this.#logFailure(channel, error);
    }
  }

  #logFailure(channel: ChannelKey, error: unknown): void {
    this.#logger.error({ channel, err: error }, 'quiet-period trigger failed');
  }
}

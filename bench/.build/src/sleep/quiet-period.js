import { silentLogger } from '../core/logger.js';
/** Node's setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); longer waits re-arm. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;
export class QuietPeriodWatcher {
    #quietMs;
    #onQuiet;
    #now;
    #logger;
    #watches = new Map();
    #stopped = false;
    constructor(options) {
        if (!(options.quietMs > 0))
            throw new RangeError(`quietMs must be positive, got ${options.quietMs}`);
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
    notifyActivity(channel, atMs = this.#now()) {
        if (this.#stopped)
            return;
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
    cancel(channel) {
        const watch = this.#watches.get(channel);
        if (!watch)
            return;
        clearTimeout(watch.timer);
        this.#watches.delete(channel);
    }
    /** Channels with activity that has not had its quiet period yet. */
    pendingChannels() {
        return [...this.#watches.keys()];
    }
    /** Clears every timer; later activity is ignored. */
    stop() {
        this.#stopped = true;
        for (const watch of this.#watches.values())
            clearTimeout(watch.timer);
        this.#watches.clear();
    }
    #arm(channel, delayMs) {
        // Globals looked up per call (not captured at import) so fake timers installed later apply.
        const timer = setTimeout(() => this.#fire(channel), Math.min(Math.max(0, delayMs), MAX_TIMEOUT_MS));
        // A pending quiet pass is no reason to keep the process alive at shutdown.
        timer.unref?.();
        return timer;
    }
    #fire(channel) {
        const watch = this.#watches.get(channel);
        if (!watch)
            return;
        const remaining = watch.lastActivityMs + this.#quietMs - this.#now();
        if (remaining > 0) {
            watch.timer = this.#arm(channel, remaining);
            return;
        }
        this.#watches.delete(channel);
        this.#logger.debug({ channel }, 'quiet period over');
        try {
            Promise.resolve(this.#onQuiet(channel)).catch((error) => this.#logFailure(channel, error));
        }
        catch (error) {
            this.#logFailure(channel, error);
        }
    }
    #logFailure(channel, error) {
        this.#logger.error({ channel, err: error }, 'quiet-period trigger failed');
    }
}

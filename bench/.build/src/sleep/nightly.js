/**
 * The nightly sweep: once a night (`MULL_NIGHTLY_CRON`, 03:00 by default, in `MULL_TIMEZONE`),
 * pass every channel that has new activity since its last pass, one channel after another.
 *
 * One at a time, not all at once: the sleep model is rate-limited per account, a sequential sweep
 * can stop the moment the daily budget is spent (a parallel one would overshoot by a pass per
 * channel), and nobody is waiting at 03:00. Channels go in the order `listChannelsNeedingPass`
 * gives them, so put the most valuable first.
 *
 * Several instances on one store may all run the sweep: the per-channel pass lock and the pass
 * watermark (a channel passed by one instance is no longer "needing a pass") keep it to one pass
 * per channel, so node-cron's own `distributed` election is not used.
 *
 * @see https://nodecron.com/scheduling-options
 */
import cron, {} from 'node-cron';
import { ErrorCode, MullError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import { failedReport, SkipReason, skippedReport } from './pass-outcomes.js';
export const DefaultNightlyOptions = {
    /** `MULL_NIGHTLY_CRON`: 03:00 every day. */
    cron: '0 3 * * *',
    /** `MULL_TIMEZONE` */
    timezone: 'UTC',
    /** node-cron task name, shown in its logs and `getTasks()`. */
    taskName: 'mull-nightly-passes',
    /**
     * How late a firing may still run. node-cron's default (1 s) drops a run when the host was
     * suspended or the event loop was stalled (say, by a big import) at 03:00; a late sweep is
     * better than none until tomorrow. @unit milliseconds
     */
    missedToleranceMs: 60 * 60_000,
};
/** True when node-cron 4 accepts the expression (5 fields, or 6 with seconds first). */
export function isValidCron(expression) {
    return cron.validate(expression);
}
export class NightlyPasses {
    #cron;
    #timezone;
    #options;
    #logger;
    #now;
    #task;
    #running;
    #stopped = false;
    constructor(options) {
        this.#cron = options.cron ?? DefaultNightlyOptions.cron;
        this.#timezone = options.timezone ?? DefaultNightlyOptions.timezone;
        if (!isValidCron(this.#cron)) {
            throw new MullError(ErrorCode.BadInput, `"${this.#cron}" is not a valid cron expression (e.g. "0 3 * * *")`);
        }
        this.#options = options;
        this.#logger = options.logger ?? silentLogger;
        this.#now = options.now ?? (() => Date.now());
    }
    /** Registers the cron task. Throws if the timezone is unknown (node-cron checks it here). */
    start() {
        if (this.#task || this.#stopped)
            return;
        try {
            this.#task = cron.schedule(this.#cron, () => this.runNow(), {
                name: DefaultNightlyOptions.taskName,
                timezone: this.#timezone,
                // runNow() already joins a sweep in progress; this keeps node-cron from stacking firings.
                noOverlap: true,
                missedExecutionTolerance: DefaultNightlyOptions.missedToleranceMs,
                // The adapters' sockets keep the bot alive; a schedule alone should not block exit.
                unref: true,
                logger: cronLogger(this.#logger),
            });
        }
        catch (error) {
            throw new MullError(ErrorCode.BadInput, `cannot schedule "${this.#cron}" in timezone "${this.#timezone}"`, {
                cause: error,
            });
        }
        this.#logger.info({ cron: this.#cron, timezone: this.#timezone, nextRunAt: this.nextRunAt()?.toISOString() }, 'nightly sleep passes scheduled');
    }
    /** When the cron fires next, or null when not started. */
    nextRunAt() {
        return this.#task?.getNextRun() ?? null;
    }
    /** Sweeps now; while a sweep is running, returns that one. Never rejects. */
    runNow() {
        this.#running ??= this.#sweep().finally(() => {
            this.#running = undefined;
        });
        return this.#running;
    }
    /** Unregisters the cron task; a sweep in progress stops before its next channel. */
    stop() {
        this.#stopped = true;
        void this.#task?.destroy();
        this.#task = undefined;
    }
    async #sweep() {
        const startedAt = this.#now();
        const reports = [];
        const finish = (extra = {}) => {
            const run = { startedAt, finishedAt: this.#now(), reports, ...extra };
            this.#logger.info({
                channels: reports.length,
                ok: reports.filter((r) => r.status === 'ok').length,
                failed: reports.filter((r) => r.status === 'failed').length,
                skipped: reports.filter((r) => r.status === 'skipped').length,
                tokens: reports.reduce((sum, r) => sum + r.tokens, 0),
                stoppedEarly: run.stoppedEarly,
                error: run.error,
            }, 'nightly sleep passes finished');
            return run;
        };
        let channels;
        try {
            // A channel listed twice would only be passed twice.
            channels = [...new Set(await this.#options.listChannelsNeedingPass())];
        }
        catch (error) {
            this.#logger.error({ err: error }, 'nightly sleep passes: could not list channels');
            return finish({ error: `could not list channels: ${messageOf(error)}` });
        }
        for (const [index, channel] of channels.entries()) {
            const rest = channels.slice(index);
            if (this.#stopped) {
                reports.push(...rest.map((c) => skippedReport(c, SkipReason.Stopped)));
                return finish({ stoppedEarly: SkipReason.Stopped });
            }
            let budget;
            try {
                budget = await this.#options.canRunPass();
            }
            catch (error) {
                // Without the ledger we cannot tell what we have spent: stop rather than spend blind.
                this.#logger.error({ err: error }, 'nightly sleep passes: budget check failed');
                const reason = `budget check failed: ${messageOf(error)}`;
                reports.push(...rest.map((c) => failedReport(c, reason, 0)));
                return finish({ error: reason });
            }
            if (!budget.ok) {
                this.#logger.warn({ usedToday: budget.usedToday, limit: budget.limit, channelsLeft: rest.length }, 'nightly sleep passes: daily token budget spent, stopping');
                reports.push(...rest.map((c) => skippedReport(c, SkipReason.BudgetSpent)));
                return finish({ stoppedEarly: SkipReason.BudgetSpent });
            }
            reports.push(await this.#passOne(channel));
        }
        return finish();
    }
    async #passOne(channel) {
        const started = this.#now();
        try {
            return await this.#options.runPass(channel);
        }
        catch (error) {
            // One channel's failure must not cost the others their night.
            this.#logger.error({ channel, err: error }, 'nightly sleep pass failed');
            return failedReport(channel, messageOf(error), this.#now() - started);
        }
    }
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
/** node-cron logs through console by default; route it through ours. */
function cronLogger(logger) {
    return {
        info: (message) => logger.info({ source: 'node-cron' }, message),
        warn: (message) => logger.warn({ source: 'node-cron' }, message),
        error: (message, err) => logger.error({ source: 'node-cron', err: err ?? message }, String(message)),
        debug: (message, err) => logger.debug({ source: 'node-cron', err }, String(message)),
    };
}

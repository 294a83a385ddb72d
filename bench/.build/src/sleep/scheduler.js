import { DailyBudget } from './daily-budget.js';
import { NightlyPasses } from './nightly.js';
import { failedReport, SkipReason, skippedReport } from './pass-outcomes.js';
import { QuietPeriodWatcher } from './quiet-period.js';
import { PassQueue } from './single-flight.js';
export function createScheduler(options) {
    const { logger } = options;
    const now = options.now ?? (() => Date.now());
    let stopped = false;
    const budget = new DailyBudget({
        limit: options.dailyTokenBudget,
        timezone: options.timezone,
        sleepTokensSince: options.sleepTokensSince,
        now,
    });
    const quiet = new QuietPeriodWatcher({
        quietMs: options.quietMinutes * 60_000,
        now,
        logger,
        onQuiet: async (channel) => {
            const report = await trigger(channel, { reason: 'quiet' });
            // The other instance's pass may have started before this activity arrived: look again
            // after another quiet period rather than leave it for tonight.
            if (report.status === 'skipped' && report.reason === SkipReason.Busy)
                quiet.notifyActivity(channel, now());
        },
    });
    /** Runs inside the single flight (and the lock): once per pass, however many triggers. */
    const guardedPass = async (channel, request) => {
        // A follow-up queued before stop() would otherwise start a fresh pass during shutdown.
        if (stopped)
            return skippedReport(channel, SkipReason.Stopped);
        // Activity up to this moment is what the pass is about to read; a quiet timer for it would
        // only start a second pass with nothing new. Activity from now on arms a new one.
        quiet.cancel(channel);
        const started = now();
        let report;
        try {
            const check = await budget.canRunPass();
            if (check.ok) {
                report = await options.runPass(channel, request);
            }
            else {
                logger.warn({ channel, reason: request.reason, usedToday: check.usedToday, limit: check.limit }, 'sleep pass skipped: daily token budget spent');
                report = skippedReport(channel, SkipReason.BudgetSpent);
            }
        }
        catch (error) {
            logger.error({ channel, reason: request.reason, err: error }, 'sleep pass failed');
            report = failedReport(channel, error instanceof Error ? error.message : String(error), now() - started);
        }
        logReport(report, request);
        await settle(report, request);
        return report;
    };
    const queue = new PassQueue(guardedPass, { lock: options.lock, lockTtlMs: options.lockTtlMs, logger });
    /** Every trigger's way in. Never rejects. */
    async function trigger(channel, request) {
        if (stopped)
            return skippedReport(channel, SkipReason.Stopped);
        try {
            return await queue.run(channel, request);
        }
        catch (error) {
            // guardedPass never throws, so this is the lock store failing: no pass ran.
            logger.error({ channel, reason: request.reason, err: error }, 'sleep pass not started: lock unavailable');
            return failedReport(channel, `lock unavailable: ${error instanceof Error ? error.message : String(error)}`, 0);
        }
    }
    function logReport(report, request) {
        const fields = {
            channel: report.channel,
            trigger: request.reason,
            status: report.status,
            reason: report.reason,
            tokens: report.tokens,
            messagesRead: report.messagesRead,
            durationMs: report.durationMs,
        };
        if (report.status === 'failed')
            logger.error(fields, 'sleep pass finished');
        else
            logger.info(fields, 'sleep pass finished');
    }
    async function settle(report, request) {
        if (!options.onPassSettled)
            return;
        try {
            await options.onPassSettled(report, request);
        }
        catch (error) {
            logger.error({ channel: report.channel, err: error }, 'recording a sleep pass failed');
        }
    }
    const nightly = new NightlyPasses({
        cron: options.nightlyCron,
        timezone: options.timezone,
        listChannelsNeedingPass: options.listChannelsNeedingPass,
        runPass: (channel) => trigger(channel, { reason: 'nightly' }),
        canRunPass: () => budget.canRunPass(),
        logger,
        now,
    });
    nightly.start();
    return {
        onActivity(channel, atMs) {
            if (!stopped)
                quiet.notifyActivity(channel, atMs ?? now());
        },
        rethink(channel, topic) {
            const trimmed = topic?.trim();
            return trigger(channel, trimmed ? { reason: 'rethink', topic: trimmed } : { reason: 'rethink' });
        },
        runNightlyNow() {
            return nightly.runNow();
        },
        async stop() {
            stopped = true;
            quiet.stop();
            nightly.stop();
            // A pass commits c' in one write at its end; cutting it off would waste what it spent.
            await queue.idle();
        },
    };
}

/**
 * When sleep passes run: nightly (cron), after a channel goes quiet, and on demand (`/rethink`).
 * All three go through one path: per-channel single flight (and the shared lock, if any), then
 * the daily budget, then the pass. The scheduler never throws into a timer or a cron callback: a
 * failed pass becomes a `failed` report, is logged, and is handed to `onPassSettled`.
 */
import type { PassReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { Logger } from '../core/logger.js';
import { DailyBudget } from './daily-budget.js';
import { NightlyPasses, type NightlyRun } from './nightly.js';
import { failedReport, SkipReason, skippedReport } from './pass-outcomes.js';
import { QuietPeriodWatcher } from './quiet-period.js';
import { PassQueue, type PassLock, type PassRequest } from './single-flight.js';

export interface SchedulerOptions {
  /** The pass itself, S(c) -> c'. May throw; the scheduler turns that into a `failed` report. */
  runPass: (channel: ChannelKey, request: PassRequest) => Promise<PassReport>;
  /** Channels with messages newer than their last pass (for the nightly sweep). */
  listChannelsNeedingPass: () => Promise<ChannelKey[]>;
  /** Sleep-time tokens recorded since a time (the budget's ledger read). */
  sleepTokensSince: (dayStartMs: number) => Promise<number>;
  /** Shared pass lock (the Store) when several instances share Redis/Postgres. Defaults to none. */
  lock?: PassLock;
  /** Lifetime of the shared lock; see PassQueueOptions. @unit milliseconds */
  lockTtlMs?: number;
  /** `MULL_NIGHTLY_CRON`, e.g. `0 3 * * *`. */
  nightlyCron: string;
  /** `MULL_TIMEZONE`: the cron's timezone and the budget's day. */
  timezone: string;
  /** `MULL_QUIET_MINUTES`: silence after activity before a pass. @unit minutes */
  quietMinutes: number;
  /** `MULL_DAILY_TOKEN_BUDGET`: sleep-time tokens per day; null: unlimited. */
  dailyTokenBudget: number | null;
  /** The budget, when the caller reads it too (stats, checks inside a pass); else built from the above. */
  budget?: DailyBudget;
  logger: Logger;
  /** @unit epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /**
   * Called once for every pass the scheduler started or refused for budget (ok, failed, skipped):
   * the place to record a thrown pass in the ledger. Not called when another instance held the
   * lock (that instance reports its own pass). Errors from it are logged and ignored.
   */
  onPassSettled?: (report: PassReport, request: PassRequest) => void | Promise<void>;
}

export interface Scheduler {
  /** A message (or edit) arrived in a channel: restart its quiet period. @unit epoch ms */
  onActivity(channel: ChannelKey, atMs?: number): void;
  /**
   * A pass now, on demand: joins or queues behind a running one, and is still budget-capped, so
   * the answer may be `skipped` with reason `budget spent`. Never rejects.
   */
  rethink(channel: ChannelKey, topic?: string): Promise<PassReport>;
  /** The nightly sweep now (joins one in progress). Never rejects. */
  runNightlyNow(): Promise<NightlyRun>;
  /** Stops timers and the cron; resolves once passes already running have finished. */
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { logger } = options;
  const now = options.now ?? (() => Date.now());
  let stopped = false;

  const budget = options.budget ?? new DailyBudget({
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
      if (report.status === 'skipped' && report.reason === SkipReason.Busy) quiet.notifyActivity(channel, now());
    },
  });

  /** Runs inside the single flight (and the lock): once per pass, however many triggers. */
  const guardedPass = async (channel: ChannelKey, request: PassRequest): Promise<PassReport> => {
    // A follow-up queued before stop() would otherwise start a fresh pass during shutdown.
    if (stopped) return skippedReport(channel, SkipReason.Stopped);
    // Activity up to this moment is what the pass is about to read; a quiet timer for it would
    // only start a second pass with nothing new. Activity from now on arms a new one.
    quiet.cancel(channel);
    const started = now();
    let report: PassReport;
    try {
      const check = await budget.canRunPass();
      if (check.ok) {
        report = await options.runPass(channel, request);
      } else {
        logger.warn(
          { channel, reason: request.reason, usedToday: check.usedToday, limit: check.limit },
          'sleep pass skipped: daily token budget spent',
        );
        report = skippedReport(channel, SkipReason.BudgetSpent);
      }
    } catch (error) {
      logger.error({ channel, reason: request.reason, err: error }, 'sleep pass failed');
      report = failedReport(channel, error instanceof Error ? error.message : String(error), now() - started);
    }
    logReport(report, request);
    await settle(report, request);
    return report;
  };

  const queue = new PassQueue(guardedPass, { lock: options.lock, lockTtlMs: options.lockTtlMs, logger });

  /** Every trigger's way in. Never rejects. */
  async function trigger(channel: ChannelKey, request: PassRequest): Promise<PassReport> {
    if (stopped) return skippedReport(channel, SkipReason.Stopped);
    try {
      return await queue.run(channel, request);
    } catch (error) {
      // guardedPass never throws, so this is the lock store failing: no pass ran.
      logger.error({ channel, reason: request.reason, err: error }, 'sleep pass not started: lock unavailable');
      return failedReport(channel, `lock unavailable: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
  }

  function logReport(report: PassReport, request: PassRequest): void {
    const fields = {
      channel: report.channel,
      trigger: request.reason,
      status: report.status,
      reason: report.reason,
      tokens: report.tokens,
      messagesRead: report.messagesRead,
      durationMs: report.durationMs,
    };
    if (report.status === 'failed') logger.error(fields, 'sleep pass finished');
    else logger.info(fields, 'sleep pass finished');
  }

  async function settle(report: PassReport, request: PassRequest): Promise<void> {
    if (!options.onPassSettled) return;
    try {
      await options.onPassSettled(report, request);
    } catch (error) {
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
      if (!stopped) quiet.notifyActivity(channel, atMs ?? now());
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

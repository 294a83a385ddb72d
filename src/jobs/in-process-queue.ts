/**
 * The single-machine queue: passes run in this process (src/sleep/scheduler.ts: per-channel
 * single flight with one folded follow-up, quiet-period timers, the nightly cron, the daily
 * budget). Other processes on the same store (the bot and a `mull rethink` from the CLI on one
 * SQLite file) are kept off a channel that is being passed by the store's lock: whoever does not
 * hold it gets a `busy` skip instead of paying for the same pass twice.
 */
import { createScheduler, type SchedulerOptions } from '../sleep/scheduler.js';
import type { PassQueue, PassQueueDeps, QueueFigures } from './pass-queue.js';

export type InProcessQueueOptions = Omit<SchedulerOptions, 'runPass' | 'listChannelsNeedingPass' | 'sleepTokensSince' | 'logger'>;

export function createInProcessQueue(deps: PassQueueDeps, options: InProcessQueueOptions): PassQueue {
  let active = 0;
  let failed = 0;
  let completed = 0;
  const scheduler = createScheduler({
    ...options,
    logger: deps.logger,
    listChannelsNeedingPass: deps.listChannelsNeedingPass,
    sleepTokensSince: deps.sleepTokensSince,
    runPass: async (channel, request) => {
      active++;
      try {
        const report = await deps.runPass(channel, request);
        if (report.status === 'failed') failed++;
        else completed++;
        return report;
      } catch (error) {
        failed++;
        throw error;
      } finally {
        active--;
      }
    },
  });
  return {
    onActivity: (channel, atMs) => scheduler.onActivity(channel, atMs),
    rethink: (channel, topic) => scheduler.rethink(channel, topic),
    runNightlyNow: () => scheduler.runNightlyNow(),
    stop: () => scheduler.stop(),
    async figures(): Promise<QueueFigures> {
      // Waiting passes here are quiet-period timers and queued follow-ups; neither is counted
      // by the scheduler, and in one process `active` is what an operator looks at.
      return { kind: 'in-process', waiting: 0, delayed: 0, active, failed, completed };
    },
  };
}

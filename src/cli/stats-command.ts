import type { StatsReport } from '../core/engine.js';
import type { MullConfig } from '../config.js';
import type { QueueFigures } from '../jobs/pass-queue.js';
import { openCore } from '../main.js';
import { oneShotLogger } from './one-shot-logger.js';
import { findChannel } from './find-channel.js';

export function formatStats(stats: StatsReport): string {
  const lines = [
    `Sleep-time tokens: ${stats.sleepTokens}`,
    `Test-time tokens: ${stats.testTokens.prompt} prompt (${stats.testTokens.cached} cached), ${stats.testTokens.completion} completion`,
    `Answers: ${Object.entries(stats.answers).map(([path, n]) => `${path} ${n}`).join(', ')}`,
    `Reply latency: p50 ${stats.latency.p50} ms, p95 ${stats.latency.p95} ms`,
    `Passes: ${stats.passes.ok} ok, ${stats.passes.failed} failed`,
    `Feedback: ${stats.feedback.up} up, ${stats.feedback.down} down`,
    stats.budget.dailyLimit === null
      ? `Daily sleep budget: unlimited (${stats.budget.usedToday} used today)`
      : `Daily sleep budget: ${stats.budget.usedToday} of ${stats.budget.dailyLimit} tokens used today${stats.budget.exhausted ? ' — spent: passes are paused until tomorrow; answers go on' : ''}`,
  ];
  return lines.join('\n');
}

export function formatQueue(queue: QueueFigures): string {
  return `Pass queue (shared, all workers): ${queue.waiting} waiting, ${queue.active} running, ${queue.delayed} due later, ${queue.completed} finished, ${queue.failed} failed for good`;
}

/** `mull stats [--channel NAME] [--json]`: the token ledger, answer paths, latency, passes. */
export async function statsCommand(config: MullConfig, options: { channel?: string; json?: boolean }, out: NodeJS.WritableStream): Promise<void> {
  const core = await openCore(config, oneShotLogger(config));
  try {
    const key = options.channel ? (await findChannel(core.store, options.channel)).key : undefined;
    const stats = await core.engine.stats(key);
    // A one-shot command's own in-process queue is empty; only the shared queue has figures.
    const queue = config.jobs.redisUrl ? await core.engine.queueFigures() : undefined;
    if (options.json) out.write(`${JSON.stringify(queue ? { ...stats, queue } : stats, null, 2)}\n`);
    else out.write(`${formatStats(stats)}\n${queue ? `${formatQueue(queue)}\n` : ''}`);
  } finally {
    await core.close();
  }
}

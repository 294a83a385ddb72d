import type { StatsReport } from '../core/engine.js';
import type { MullConfig } from '../config.js';
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

/** `mull stats [--channel NAME] [--json]`: the token ledger, answer paths, latency, passes. */
export async function statsCommand(config: MullConfig, options: { channel?: string; json?: boolean }, out: NodeJS.WritableStream): Promise<void> {
  const core = await openCore(config, oneShotLogger(config));
  try {
    const key = options.channel ? (await findChannel(core.store, options.channel)).key : undefined;
    const stats = await core.engine.stats(key);
    out.write(options.json ? `${JSON.stringify(stats, null, 2)}\n` : `${formatStats(stats)}\n`);
  } finally {
    await core.close();
  }
}

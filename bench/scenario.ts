import { join } from 'node:path';
import type { PassReport } from '../src/core/engine.js';
import type { Channel, StoredMessage } from '../src/core/types.js';
import { openEngine, type BenchEngine } from './engine.js';
import type { FakeModel } from './model/fake-model.js';
import { sliceHistory } from './workspace/slices.js';
import { buildWorkspace, type BenchWorkspace } from './workspace/synthetic.js';

/**
 * One workspace at one size, set up twice over the same messages on SQLite:
 * - `sleep`: the history arrives in parts with a pass over every channel after each (the bot has
 *   lived there), then the newest messages (UnreadMessages) arrive live, read by no pass yet;
 * - `baseline`: the same messages, never a pass: every question takes Mull's cold path.
 */
export interface Scenario {
  workspace: BenchWorkspace;
  sleep: BenchEngine;
  baseline: BenchEngine;
  /** Sleep-time tokens (prompt + completion) of every pass that read the history once. */
  onboardingSleepTokens: number;
  passes: { ok: number; failed: number; skipped: number; failures: string[] };
  /** @unit milliseconds */
  setupMs: number;
}

export async function prepareScenario(
  model: FakeModel,
  options: { size: number; seed: number; parts: number; dir: string },
): Promise<Scenario> {
  const started = performance.now();
  const workspace = buildWorkspace({ messages: options.size, seed: options.seed });
  await model.teach(workspace.facts);

  const baseline = await openEngine(join(options.dir, 'baseline.sqlite'), model.url);
  for (const { channel, messages } of workspace.channels) await ingestInBatches(baseline, channel, messages);

  const sleep = await openEngine(join(options.dir, 'sleep.sqlite'), model.url);
  const { slices, unread } = sliceHistory(workspace.channels, options.parts);
  const passes = { ok: 0, failed: 0, skipped: 0, failures: [] as string[] };
  let onboardingSleepTokens = 0;
  for (const slice of slices) {
    for (const { channel, messages } of slice) await ingestInBatches(sleep, channel, messages);
    for (const { channel } of slice) {
      const report = await sleep.engine.rethink(channel.key);
      tally(passes, report);
      onboardingSleepTokens += report.tokens;
    }
  }
  for (const { channel, message } of unread) await sleep.engine.ingest({ type: 'message', channel, message });
  return { workspace, sleep, baseline, onboardingSleepTokens, passes, setupMs: performance.now() - started };
}

export function tally(passes: Scenario['passes'], report: PassReport): void {
  if (report.status === 'ok') passes.ok++;
  else if (report.status === 'failed') {
    passes.failed++;
    if (passes.failures.length < 5) passes.failures.push(`${report.channel}: ${report.reason}`);
  } else passes.skipped++;
}

/** History goes in as an import would write it: batches of 5,000 (DefaultImportOptions). */
async function ingestInBatches(target: BenchEngine, channel: Channel, messages: readonly StoredMessage[]): Promise<void> {
  for (let start = 0; start < messages.length; start += 5_000) {
    await target.engine.ingestHistory(channel, messages.slice(start, start + 5_000));
  }
}

export async function closeScenario(scenario: Scenario): Promise<void> {
  await scenario.sleep.close();
  await scenario.baseline.close();
}

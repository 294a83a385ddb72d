import type { AnswerPath } from '../../src/core/types.js';
import { ask } from '../ask.js';
import type { FakeModel } from '../model/fake-model.js';
import { HostedModelLatency, ZeroLatency } from '../model/latency.js';
import type { Scenario } from '../scenario.js';
import { median, percentile, round } from '../stats.js';

/**
 * Measure 3: reply latency under the hosted-model latency model, sleep-time (by path) vs baseline.
 * Questions are put one every `intervalMs`, alternating between the two engines, so one repetition
 * takes about one cold answer's time rather than twenty; each answer is timed on its own.
 */
export interface PathLatency {
  /** Answers in this group, over all repetitions. */
  n: number;
  /** Median over repetitions of each repetition's percentile. @unit milliseconds */
  p50: number;
  p95: number;
}

export interface ReplyLatency {
  size: number;
  seed: number;
  repetitions: number;
  intervalMs: number;
  cached: PathLatency;
  /** Prepared answers served after a check on the answer model. */
  verified: PathLatency;
  warm: PathLatency;
  /** Sleep-time answers that fell back to the cold path (warm did not cover them). */
  coldFallback: PathLatency;
  sleepAll: PathLatency;
  baseline: PathLatency;
  /** Cached p50 over baseline p50. */
  cachedToBaselineP50: number;
}

type Group = 'cached' | 'verified' | 'warm' | 'coldFallback' | 'sleepAll' | 'baseline';

export async function measureReplyLatency(
  model: FakeModel,
  scenario: Scenario,
  options: { repetitions: number; intervalMs: number },
): Promise<ReplyLatency> {
  const questions = scenario.workspace.questions;
  const runs: Record<Group, number[]>[] = [];
  await model.configure({ latency: HostedModelLatency });
  try {
    for (let rep = 0; rep < options.repetitions; rep++) {
      const samples: Record<Group, number[]> = { cached: [], verified: [], warm: [], coldFallback: [], sleepAll: [], baseline: [] };
      const timed = async (delayMs: number, run: () => Promise<{ path: AnswerPath }>, record: (path: AnswerPath, ms: number) => void) => {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        const started = performance.now();
        const answer = await run();
        record(answer.path, performance.now() - started);
      };
      await Promise.all(
        questions.flatMap((q, i) => [
          timed(2 * i * options.intervalMs, () => ask(scenario.sleep.engine, q), (path, ms) => {
            samples.sleepAll.push(ms);
            if (path === 'cached') samples.cached.push(ms);
            else if (path === 'verified') samples.verified.push(ms);
            else if (path === 'warm') samples.warm.push(ms);
            else samples.coldFallback.push(ms);
          }),
          timed((2 * i + 1) * options.intervalMs, () => ask(scenario.baseline.engine, q), (_path, ms) => samples.baseline.push(ms)),
        ]),
      );
      runs.push(samples);
    }
  } finally {
    await model.configure({ latency: ZeroLatency });
  }
  const group = (name: Group): PathLatency => ({
    n: runs.reduce((s, r) => s + r[name].length, 0),
    p50: round(median(runs.filter((r) => r[name].length).map((r) => percentile(r[name], 50))), 2),
    p95: round(median(runs.filter((r) => r[name].length).map((r) => percentile(r[name], 95))), 2),
  });
  const result = {
    size: scenario.workspace.size,
    seed: scenario.workspace.seed,
    repetitions: options.repetitions,
    intervalMs: options.intervalMs,
    cached: group('cached'),
    verified: group('verified'),
    warm: group('warm'),
    coldFallback: group('coldFallback'),
    sleepAll: group('sleepAll'),
    baseline: group('baseline'),
  };
  return { ...result, cachedToBaselineP50: round(result.cached.p50 / result.baseline.p50, 5) };
}

import type { AdapterOverhead } from '../measures/adapter-overhead.js';
import type { BadInputMemory } from '../measures/bad-input-memory.js';
import { amortize, CostModel, QuestionsPerChannel, type AmortizedPoint } from '../measures/amortized-cost.js';
import type { IncrementalPass } from '../measures/incremental-pass.js';
import type { ImportRate, LiveIngest } from '../measures/ingest.js';
import type { MemoryFigure } from '../measures/memory.js';
import type { ReplyLatency } from '../measures/reply-latency.js';
import type { SlackLoad } from '../measures/slack-load.js';
import type { SleepGain } from '../measures/sleep-gain.js';
import { gainFigures, type GainFigures } from './gain.js';
import type { SteadyPass } from '../measures/steady-pass.js';
import type { TokensRun } from '../measures/test-time-tokens.js';
import type { Scenario } from '../scenario.js';
import { median, round } from '../stats.js';

/** Everything the measures returned, before aggregation. */
export interface RawMeasures {
  tokens: TokensRun[];
  steady: SteadyPass[];
  incremental: IncrementalPass[];
  latency?: ReplyLatency;
  overhead?: AdapterOverhead;
  live?: LiveIngest;
  imports: ImportRate[];
  memory?: MemoryFigure & { passes: Scenario['passes'] };
  load?: SlackLoad & { passes: Scenario['passes'] };
  /** Issue 14 point 8: peak RSS of `mull import` on bad inputs. */
  bounds?: BadInputMemory;
  /** Issues 9 and 10: the sleep-time gain at each history size (the first is judged). */
  gain: SleepGain[];
  /** Measures that failed: their bars have no figure. */
  errors: { phase: string; message: string }[];
}

export interface SizeFigures {
  size: number;
  seeds: number[];
  /** Medians over the runs (seeds) at this size. @unit tokens per question */
  sleepTokens: number;
  baselineTokens: number;
  /** Median of each run's baseline / sleep-time ratio. */
  ratio: number;
  sleepPromptTokens: number;
  sleepCompletionTokens: number;
  baselinePromptTokens: number;
  baselineCompletionTokens: number;
  /** Prompt of an answer that made one model call: sleep-time warm, and baseline cold; and the system part of the warm one. */
  warmPromptTokens: number;
  warmSystemTokens: number;
  coldPromptTokens: number;
  cachedShare: number;
  designedAnticipatedShare: number;
  sleepAccuracy: number;
  baselineAccuracy: number;
  /** Sleep-time answer paths, summed over the runs. */
  sleepPaths: Record<string, number>;
  /** Sleep-time tokens of reading the whole history once (all parts), per channel. */
  onboardingTokensPerChannel: number;
}

export interface Aggregates {
  /** Issues 9 and 10, per history size; the bars are judged on the first. */
  gain: GainFigures[];
  tokensBySize: SizeFigures[];
  /** Sleep-time tokens per question at each size, in the runs of the first seed: one run. */
  flatness: { seed: number; sizes: number[]; sleepTokens: number[]; maxOverMin: number };
  amortized: {
    size: number;
    costModel: typeof CostModel;
    passTokensPerChannel: number;
    sleepTestTokens: number;
    baselineTestTokens: number;
    /** Median over runs, per point. */
    points: AmortizedPoint[];
    perRun: { seed: number; points: AmortizedPoint[] }[];
  };
  incremental?: { small: IncrementalPass; large: IncrementalPass; ratio: number };
}

export function aggregate(raw: RawMeasures, referenceSize: number): Aggregates {
  const sizes = [...new Set(raw.tokens.map((r) => r.size))].sort((a, b) => a - b);
  const tokensBySize = sizes.map((size) => bySize(raw.tokens.filter((r) => r.size === size), raw.steady));
  const firstSeed = raw.tokens[0]?.seed ?? 42;
  const primary = sizes.map((size) => raw.tokens.find((r) => r.size === size && r.seed === firstSeed));
  const flatTokens = primary.map((r) => r?.sleep.meanTokens ?? Number.NaN);
  const perRun = raw.tokens
    .filter((r) => r.size === referenceSize)
    .flatMap((run) => {
      const pass = raw.steady.find((p) => p.size === run.size && p.seed === run.seed);
      if (!pass) return [];
      return [{ seed: run.seed, points: amortize({ passTokensPerChannel: pass.meanTokensPerChannel, sleepTestTokens: run.sleep.meanTokens, baselineTestTokens: run.baseline.meanTokens }) }];
    });
  const points = QuestionsPerChannel.map((q, i) => {
    const at = perRun.map((r) => r.points[i]);
    return {
      questionsPerChannel: q,
      sleepTokens: median(at.map((p) => p.sleepTokens)),
      baselineTokens: median(at.map((p) => p.baselineTokens)),
      sleepCost: median(at.map((p) => p.sleepCost)),
      baselineCost: median(at.map((p) => p.baselineCost)),
      advantage: median(at.map((p) => p.advantage)),
    };
  });
  const reference = raw.tokens.filter((r) => r.size === referenceSize);
  const [small, large] = [...raw.incremental].sort((a, b) => a.size - b.size);
  return {
    gain: raw.gain.map(gainFigures),
    tokensBySize,
    flatness: { seed: firstSeed, sizes, sleepTokens: flatTokens, maxOverMin: round(Math.max(...flatTokens) / Math.min(...flatTokens), 3) },
    amortized: {
      size: referenceSize,
      costModel: CostModel,
      passTokensPerChannel: median(raw.steady.filter((p) => p.size === referenceSize).map((p) => p.meanTokensPerChannel)),
      sleepTestTokens: median(reference.map((r) => r.sleep.meanTokens)),
      baselineTestTokens: median(reference.map((r) => r.baseline.meanTokens)),
      points,
      perRun,
    },
    incremental: small && large && small !== large ? { small, large, ratio: round(large.promptTokens / small.promptTokens, 3) } : undefined,
  };
}

function bySize(runs: readonly TokensRun[], steady: readonly SteadyPass[]): SizeFigures {
  const med = (pick: (r: TokensRun) => number) => round(median(runs.map(pick)), 3);
  const sleepPaths: Record<string, number> = {};
  for (const run of runs) for (const [path, n] of Object.entries(run.sleep.paths)) sleepPaths[path] = (sleepPaths[path] ?? 0) + n;
  const channels = Math.max(1, ...steady.filter((p) => p.size === runs[0].size).map((p) => p.channels));
  return {
    size: runs[0].size,
    seeds: runs.map((r) => r.seed),
    sleepTokens: med((r) => r.sleep.meanTokens),
    baselineTokens: med((r) => r.baseline.meanTokens),
    ratio: med((r) => r.ratio),
    sleepPromptTokens: med((r) => r.sleep.meanPromptTokens),
    sleepCompletionTokens: med((r) => r.sleep.meanCompletionTokens),
    baselinePromptTokens: med((r) => r.baseline.meanPromptTokens),
    baselineCompletionTokens: med((r) => r.baseline.meanCompletionTokens),
    warmPromptTokens: med((r) => r.sleep.oneCallPromptTokens),
    warmSystemTokens: med((r) => r.sleep.oneCallSystemTokens),
    coldPromptTokens: med((r) => r.baseline.oneCallPromptTokens),
    cachedShare: med((r) => r.sleep.cachedShare),
    designedAnticipatedShare: runs[0].designedAnticipatedShare,
    sleepAccuracy: med((r) => r.sleep.accuracy),
    baselineAccuracy: med((r) => r.baseline.accuracy),
    sleepPaths,
    onboardingTokensPerChannel: round(median(runs.map((r) => r.onboardingSleepTokens)) / channels, 0),
  };
}

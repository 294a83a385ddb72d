import type { AnswerPath } from '../core/types.js';
import type { ArmResult, ExperimentResult, QuestionOutcome } from './results.js';

/**
 * The figures read off an experiment: each arm's correctness and test-time tokens (the points of
 * the curve), the precision, staleness and hit-rate figures of issue 9 for Mull's arms, the
 * headline ratio at equal correctness, and the amortized cost per question.
 */
export interface ArmFigures {
  label: string;
  kind: 'mull' | 'baseline';
  effort?: string;
  budget?: number;
  questions: number;
  correct: number;
  /** Share of questions answered correctly (rules; the judge's, when it ran, in `judgedShare`). */
  correctShare: number;
  judgedShare?: number;
  /** Test-time tokens per question, prompt + completion (a cached answer counts 0). @unit tokens */
  meanTestTokens: number;
  meanPromptTokens: number;
  meanCompletionTokens: number;
  paths: Record<AnswerPath, number>;
  mull?: MullFigures;
}

export interface MullFigures {
  /** Answers served with zero model calls that were wrong, of all such answers. */
  cached: number;
  cachedWrong: number;
  cachedWrongShare: number;
  /** Answers stating what a change after the pass made untrue (any path). */
  staleServed: number;
  changedQuestions: number;
  /** Paraphrase questions (facts unchanged since the pass) answered from prepared work. */
  paraphrases: number;
  paraphraseHits: number;
  paraphraseHitRate: number;
  /** Look-alike questions answered correctly. */
  lookalikes: number;
  lookalikesCorrect: number;
  verified: CallFigures;
  warm: CallFigures;
  /** A check's prompt as a share of a warm answer's prompt. */
  verifiedToWarmPrompt: number | null;
  sleep: {
    channels: number;
    /** First read of the history, per channel. @unit tokens */
    onboardingPerChannel: number;
    /** The pass after the questions (a steady-state nightly pass), per channel. @unit tokens */
    steadyPerChannel: number;
    steadyPromptPerChannel: number;
    steadyCompletionPerChannel: number;
    failed: string[];
  };
}

export interface CallFigures {
  calls: number;
  meanPromptTokens: number;
  meanCompletionTokens: number;
  /** @unit milliseconds */
  meanMs: number;
}

export function armFigures(arm: ArmResult): ArmFigures {
  const o = arm.outcomes;
  const paths: Record<AnswerPath, number> = { cached: 0, verified: 0, warm: 0, cold: 0, offline: 0 };
  for (const outcome of o) paths[outcome.path]++;
  const correct = o.filter((x) => x.correct).length;
  const judged = o.filter((x) => x.judged !== undefined);
  return {
    label: arm.label,
    kind: arm.kind,
    effort: arm.effort,
    budget: arm.budget,
    questions: o.length,
    correct,
    correctShare: share(correct, o.length),
    judgedShare: judged.length ? share(judged.filter((x) => x.judged).length, judged.length) : undefined,
    meanTestTokens: mean(o.map((x) => x.promptTokens + x.completionTokens)),
    meanPromptTokens: mean(o.map((x) => x.promptTokens)),
    meanCompletionTokens: mean(o.map((x) => x.completionTokens)),
    paths,
    mull: arm.kind === 'mull' ? mullFigures(arm) : undefined,
  };
}

function mullFigures(arm: ArmResult): MullFigures {
  const o = arm.outcomes;
  const cached = o.filter((x) => x.path === 'cached');
  const changed = o.filter((x) => x.kind === 'changed');
  const paraphrases = o.filter((x) => x.kind === 'paraphrase');
  const lookalikes = o.filter((x) => x.kind === 'lookalike');
  const verified = callFigures(o.flatMap((x) => x.calls.filter((c) => c.kind === 'answer_check')));
  // A warm answer's own call: the first answer call of a question that ended on the warm path.
  const warm = callFigures(o.filter((x) => x.path === 'warm').flatMap((x) => x.calls.filter((c) => c.kind === 'answer').slice(0, 1)));
  const channels = Math.max(1, arm.sleep?.onboarding.passes ?? 1);
  const steady = arm.sleep?.steady;
  const steadyChannels = Math.max(1, steady?.passes ?? 1);
  return {
    cached: cached.length,
    cachedWrong: cached.filter((x) => !x.correct).length,
    cachedWrongShare: share(cached.filter((x) => !x.correct).length, cached.length),
    staleServed: o.filter((x) => x.stale).length,
    changedQuestions: changed.length,
    paraphrases: paraphrases.length,
    paraphraseHits: paraphrases.filter(fromPrepared).length,
    paraphraseHitRate: share(paraphrases.filter(fromPrepared).length, paraphrases.length),
    lookalikes: lookalikes.length,
    lookalikesCorrect: lookalikes.filter((x) => x.correct).length,
    verified,
    warm,
    verifiedToWarmPrompt: verified.calls && warm.calls ? round(verified.meanPromptTokens / warm.meanPromptTokens, 3) : null,
    sleep: {
      channels,
      onboardingPerChannel: round(((arm.sleep?.onboarding.promptTokens ?? 0) + (arm.sleep?.onboarding.completionTokens ?? 0)) / channels),
      steadyPerChannel: round(((steady?.promptTokens ?? 0) + (steady?.completionTokens ?? 0)) / steadyChannels),
      steadyPromptPerChannel: round((steady?.promptTokens ?? 0) / steadyChannels),
      steadyCompletionPerChannel: round((steady?.completionTokens ?? 0) / steadyChannels),
      failed: [...(arm.sleep?.onboarding.failed ?? []), ...(steady?.failed ?? [])],
    },
  };
}

function fromPrepared(x: QuestionOutcome): boolean {
  return x.path === 'cached' || x.path === 'verified';
}

function callFigures(calls: readonly { promptTokens: number; completionTokens: number; ms: number }[]): CallFigures {
  return {
    calls: calls.length,
    meanPromptTokens: mean(calls.map((c) => c.promptTokens)),
    meanCompletionTokens: mean(calls.map((c) => c.completionTokens)),
    meanMs: mean(calls.map((c) => c.ms)),
  };
}

/**
 * The headline, read as the paper reads its 5x: the baseline's best correctness, the fewest
 * test-time tokens per question at which the baseline reaches it, and the fewest at which Mull
 * (any sleep effort) reaches it. `ratio` is null when no Mull arm reaches it.
 */
export interface Headline {
  baselineBestShare: number;
  baselineTokens: number;
  baselineLabel: string;
  mullShare: number | null;
  mullTokens: number | null;
  mullLabel: string | null;
  ratio: number | null;
  /** Mull's best correctness, for a miss. */
  mullBestShare: number;
  /**
   * The same reading at Mull's best correctness instead, when the baseline's curve reaches it:
   * the baseline's tokens there interpolated linearly between its two nearest budgets.
   */
  atMullBest: { share: number; mullTokens: number; mullLabel: string; baselineTokens: number; ratio: number } | null;
}

export function headline(figures: readonly ArmFigures[]): Headline | null {
  const baseline = figures.filter((f) => f.kind === 'baseline');
  const mull = figures.filter((f) => f.kind === 'mull');
  if (!baseline.length || !mull.length) return null;
  const best = Math.max(...baseline.map((f) => f.correctShare));
  const base = baseline.filter((f) => f.correctShare >= best).sort((a, b) => a.meanTestTokens - b.meanTestTokens)[0]!;
  const reaching = mull.filter((f) => f.correctShare >= best).sort((a, b) => a.meanTestTokens - b.meanTestTokens)[0];
  return {
    baselineBestShare: best,
    baselineTokens: base.meanTestTokens,
    baselineLabel: base.label,
    mullShare: reaching?.correctShare ?? null,
    mullTokens: reaching?.meanTestTokens ?? null,
    mullLabel: reaching?.label ?? null,
    ratio: reaching ? round(base.meanTestTokens / Math.max(1, reaching.meanTestTokens), 2) : null,
    mullBestShare: Math.max(...mull.map((f) => f.correctShare)),
    atMullBest: atMullBest(baseline, mull),
  };
}

function atMullBest(baseline: readonly ArmFigures[], mull: readonly ArmFigures[]): Headline['atMullBest'] {
  const share = Math.max(...mull.map((f) => f.correctShare));
  const m = mull.filter((f) => f.correctShare >= share).sort((a, b) => a.meanTestTokens - b.meanTestTokens)[0]!;
  const curve = [...baseline].sort((a, b) => a.meanTestTokens - b.meanTestTokens);
  let tokens: number | null = null;
  for (let i = 0; i < curve.length && tokens === null; i++) {
    const here = curve[i]!;
    if (here.correctShare < share) continue;
    const before = curve[i - 1];
    tokens = !before || before.correctShare >= here.correctShare
      ? here.meanTestTokens
      : before.meanTestTokens + ((share - before.correctShare) / (here.correctShare - before.correctShare)) * (here.meanTestTokens - before.meanTestTokens);
  }
  if (tokens === null) return null;
  return { share, mullTokens: m.meanTestTokens, mullLabel: m.label, baselineTokens: round(tokens), ratio: round(tokens / Math.max(1, m.meanTestTokens), 2) };
}

/**
 * The amortized cost per question against questions per channel: a test-time token costs
 * `testToSleepCost` sleep-time tokens (the paper's 10); each channel has one steady pass a day and
 * its first read of the history spread over `horizonDays`; `q` questions a day share both.
 */
export const AmortizationDefaults = { testToSleepCost: 10, horizonDays: 30, questionsPerChannel: [1, 2, 5, 10, 20, 50] } as const;

export interface AmortizedPoint {
  questionsPerChannel: number;
  /** Sleep-time token units per question. */
  mullCost: number;
  baselineCost: number;
  /** Baseline over Mull: above 1, Mull is cheaper. */
  advantage: number;
}

export function amortize(input: {
  onboardingPerChannel: number;
  steadyPerChannel: number;
  mullTestTokens: number;
  baselineTestTokens: number;
  testToSleepCost?: number;
  horizonDays?: number;
  questionsPerChannel?: readonly number[];
}): AmortizedPoint[] {
  const r = input.testToSleepCost ?? AmortizationDefaults.testToSleepCost;
  const h = input.horizonDays ?? AmortizationDefaults.horizonDays;
  const daily = input.steadyPerChannel + input.onboardingPerChannel / h;
  return (input.questionsPerChannel ?? AmortizationDefaults.questionsPerChannel).map((q) => {
    const mullCost = daily / q + input.mullTestTokens * r;
    const baselineCost = input.baselineTestTokens * r;
    return { questionsPerChannel: q, mullCost: round(mullCost), baselineCost: round(baselineCost), advantage: round(baselineCost / mullCost, 2) };
  });
}

/** The amortized curve at the headline's two operating points (or Mull's best and the baseline's best). */
export function amortizedAtHeadline(figures: readonly ArmFigures[], head: Headline | null, options: { testToSleepCost?: number; horizonDays?: number } = {}) {
  if (!head) return null;
  const mull = figures.find((f) => f.label === (head.mullLabel ?? '')) ?? [...figures].filter((f) => f.kind === 'mull').sort((a, b) => b.correctShare - a.correctShare || a.meanTestTokens - b.meanTestTokens)[0];
  if (!mull?.mull) return null;
  const input = {
    onboardingPerChannel: mull.mull.sleep.onboardingPerChannel,
    steadyPerChannel: mull.mull.sleep.steadyPerChannel,
    mullTestTokens: mull.meanTestTokens,
    baselineTestTokens: head.baselineTokens,
    testToSleepCost: options.testToSleepCost ?? AmortizationDefaults.testToSleepCost,
    horizonDays: options.horizonDays ?? AmortizationDefaults.horizonDays,
  };
  return { mullLabel: mull.label, baselineLabel: head.baselineLabel, ...input, points: amortize(input) };
}

export function figuresOf(result: ExperimentResult): ArmFigures[] {
  return result.arms.map(armFigures);
}

function share(part: number, whole: number): number {
  return whole ? round(part / whole, 4) : 0;
}

function mean(values: readonly number[]): number {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : 0;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

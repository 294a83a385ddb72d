import type { AnswerPath } from '../../src/core/types.js';
import { askInTurn, type AskOutcome } from '../ask.js';
import type { FakeModel } from '../model/fake-model.js';
import type { Scenario } from '../scenario.js';
import { mean, round } from '../stats.js';
import { designedAnticipatedShare } from '../workspace/questions.js';

/** Measure 1: test-time tokens per question, sleep-time vs baseline, in one run over one workspace. */
export interface TokenSummary {
  /** Prompt + completion per question (a cached answer counts 0). @unit tokens */
  meanTokens: number;
  meanPromptTokens: number;
  meanCompletionTokens: number;
  /** Prompt tokens the provider's cache would serve (reported, not discounted). */
  meanCachedPromptTokens: number;
  /** Over the answers that called the model once (warm, or cold in the baseline): prompt, and its system message (instructions + learned context). */
  oneCallPromptTokens: number;
  oneCallSystemTokens: number;
  paths: Record<AnswerPath, number>;
  /** Share of questions answered from the cache (no model call). */
  cachedShare: number;
  /** Share of answers that state the planted fact (and no forbidden value). */
  accuracy: number;
  /** Mean time of `engine.ask` with a zero-latency model. @unit milliseconds */
  meanAskMs: number;
}

export interface TokensRun {
  size: number;
  seed: number;
  questions: number;
  designedAnticipatedShare: number;
  sleep: TokenSummary;
  baseline: TokenSummary;
  /** Baseline tokens per question over sleep-time tokens per question. */
  ratio: number;
  onboardingSleepTokens: number;
  passes: Scenario['passes'];
  perQuestion: {
    text: string;
    phrasing: string;
    sleepPath: AnswerPath;
    sleepTokens: number;
    baselineTokens: number;
    sleepCorrect: boolean;
    baselineCorrect: boolean;
  }[];
}

export async function measureTestTimeTokens(model: FakeModel, scenario: Scenario): Promise<TokensRun> {
  const questions = scenario.workspace.questions;
  const sleep = await askInTurn(scenario.sleep.engine, model, questions);
  const baseline = await askInTurn(scenario.baseline.engine, model, questions);
  const sleepSummary = summarize(sleep);
  const baselineSummary = summarize(baseline);
  return {
    size: scenario.workspace.size,
    seed: scenario.workspace.seed,
    questions: questions.length,
    designedAnticipatedShare: designedAnticipatedShare(questions),
    sleep: sleepSummary,
    baseline: baselineSummary,
    ratio: round(baselineSummary.meanTokens / sleepSummary.meanTokens, 2),
    onboardingSleepTokens: scenario.onboardingSleepTokens,
    passes: scenario.passes,
    perQuestion: questions.map((q, i) => ({
      text: q.text,
      phrasing: q.phrasing,
      sleepPath: sleep[i].path,
      sleepTokens: sleep[i].promptTokens + sleep[i].completionTokens,
      baselineTokens: baseline[i].promptTokens + baseline[i].completionTokens,
      sleepCorrect: sleep[i].correct,
      baselineCorrect: baseline[i].correct,
    })),
  };
}

export function summarize(outcomes: readonly AskOutcome[]): TokenSummary {
  const paths: Record<AnswerPath, number> = { cached: 0, verified: 0, warm: 0, cold: 0, offline: 0 };
  for (const o of outcomes) paths[o.path]++;
  return {
    meanTokens: round(mean(outcomes.map((o) => o.promptTokens + o.completionTokens))),
    meanPromptTokens: round(mean(outcomes.map((o) => o.promptTokens))),
    meanCompletionTokens: round(mean(outcomes.map((o) => o.completionTokens))),
    meanCachedPromptTokens: round(mean(outcomes.map((o) => o.cachedTokens))),
    oneCallPromptTokens: round(mean(outcomes.filter((o) => o.modelCalls === 1).map((o) => o.promptTokens))),
    oneCallSystemTokens: round(mean(outcomes.filter((o) => o.modelCalls === 1).map((o) => o.systemTokens))),
    paths,
    cachedShare: round(paths.cached / outcomes.length, 3),
    accuracy: round(outcomes.filter((o) => o.correct).length / outcomes.length, 3),
    meanAskMs: round(mean(outcomes.map((o) => o.wallMs)), 2),
  };
}

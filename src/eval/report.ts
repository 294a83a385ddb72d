import { evalBars, type EvalBar } from './bars.js';
import type { EvalDataset } from './dataset.js';
import { amortizedAtHeadline, figuresOf, headline, type ArmFigures, type Headline } from './figures.js';
import type { ExperimentResult } from './results.js';

/** Every figure of a run, with what shaped it: what `mull eval` writes as JSON (and renders as Markdown). */
export interface EvalReport {
  tool: 'mull-eval';
  schema: 1;
  date: string;
  provider: { name: string; sleepModel: string; answerModel: string; baseURL?: string };
  dataset: { source: string; channels: number; messages: number; questions: number; byKind: Record<string, number> };
  settings: { efforts: string[]; budgets: number[]; maxTokens: number | null; judge: boolean; testToSleepCost: number; horizonDays: number };
  estimate: { total: number; sleepTokens: number; testTokens: number; judgeTokens: number };
  spentTokens: number;
  stopped: boolean;
  arms: ArmFigures[];
  headline: Headline | null;
  amortized: ReturnType<typeof amortizedAtHeadline>;
  bars: EvalBar[];
  /** Every answer, per arm. */
  answers: { arm: string; id: string; kind: string; path: string; correct: boolean; judged?: boolean; stale: boolean; promptTokens: number; completionTokens: number; answer: string }[];
  assumptions: string[];
}

export function buildEvalReport(input: {
  result: ExperimentResult;
  dataset: EvalDataset;
  source: string;
  provider: EvalReport['provider'];
  settings: EvalReport['settings'];
  estimate: EvalReport['estimate'];
  date?: Date;
}): EvalReport {
  const figures = figuresOf(input.result);
  const head = headline(figures);
  const amortized = amortizedAtHeadline(figures, head, input.settings);
  const byKind: Record<string, number> = {};
  for (const q of input.dataset.questions) byKind[q.kind] = (byKind[q.kind] ?? 0) + 1;
  return {
    tool: 'mull-eval',
    schema: 1,
    date: (input.date ?? new Date()).toISOString(),
    provider: input.provider,
    dataset: {
      source: input.source,
      channels: input.dataset.channels.length,
      messages: input.dataset.channels.reduce((s, c) => s + c.messages.length, 0),
      questions: input.dataset.questions.length,
      byKind,
    },
    settings: input.settings,
    estimate: input.estimate,
    spentTokens: input.result.spentTokens,
    stopped: input.result.stopped,
    arms: figures,
    headline: head,
    amortized,
    bars: evalBars(figures, head, amortized?.points.find((p) => p.questionsPerChannel === 10)?.advantage ?? null),
    answers: input.result.arms.flatMap((arm) =>
      arm.outcomes.map((o) => ({ arm: arm.label, id: o.id, kind: o.kind, path: o.path, correct: o.correct, judged: o.judged, stale: o.stale, promptTokens: o.promptTokens, completionTokens: o.completionTokens, answer: o.answer })),
    ),
    assumptions: [
      `Baseline: Mull's cold path with no pass ever run, at each context budget: half the budget the newest messages, half the messages retrieval finds for the question (${Math.round(input.result.averageMessageTokens)} tokens a message on average).`,
      'Mull: one pass over each channel\'s history at each sleep effort, then the messages after the pass arrive, then the questions; every question asked once, in its channel.',
      'Correct: every required string of the gold answer in the reply (case-insensitive), no forbidden one' + (input.settings.judge ? '; the judge (the answer model) also grades each reply, reported beside the rules.' : '.'),
      'Test-time tokens: every model call a question made (check, warm, cold), prompt and completion, as the provider reported them; a cached answer costs 0.',
      `Amortized cost: a test-time token costs ${input.settings.testToSleepCost} sleep-time tokens; each channel has one steady pass a day (the pass after the questions, measured) and the first read of its history spread over ${input.settings.horizonDays} days.`,
    ],
  };
}

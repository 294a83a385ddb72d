import type { SleepEffort } from '../config.js';
import type { Channel, StoredMessage } from '../core/types.js';
import { messageTokens } from '../context/text.js';
import { createEngine, type RunningEngine } from '../engine/create-engine.js';
import type { LlmProvider } from '../llm/provider.js';
import { openStore } from '../store/open-store.js';
import { CountingProvider, type CountedCall } from './counting-provider.js';
import type { EvalChannel, EvalDataset, EvalQuestion } from './dataset.js';
import { gradeByRules, judgeAnswer } from './grade.js';
import type { ArmResult, ExperimentResult, QuestionOutcome, SleepCost } from './results.js';

/**
 * The experiment of issue 10, on whatever provider it is given: Mull at each sleep effort (a pass
 * over each channel's history, the changes after it, the questions, then the next pass), and a
 * baseline that reasons over raw history at several context budgets (Mull's cold path with no pass
 * ever run). Every arm gets its own in-memory store and the same questions; every model call is
 * counted as the provider reports it. `mull eval` and `npm run bench` both run this.
 */
export interface ExperimentOptions {
  dataset: EvalDataset;
  provider: LlmProvider;
  models: { sleep: string; answer: string };
  efforts: readonly SleepEffort[];
  /** Baseline context budgets. @unit tokens */
  budgets: readonly number[];
  /** Stop before the next pass or question once this many tokens are spent. */
  maxTokens?: number;
  /** Also grade every answer with the answer model (a judge), besides the rules. */
  judge?: boolean;
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  arm: string;
  step: 'pass' | 'question' | 'judge';
  done: number;
  total: number;
  /** Tokens spent so far, all arms. */
  spent: number;
}

/** A schedule no test run reaches (29 February, 03:00): nothing but the experiment starts a pass. */
const NeverCron = '0 3 29 2 *';

export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const counting = new CountingProvider(options.provider);
  const spentOut = () => options.maxTokens !== undefined && counting.spent >= options.maxTokens;
  const arms: ArmResult[] = [];
  const average = averageMessageTokens(options.dataset);
  let stopped = false;
  for (const effort of options.efforts) {
    if (stopped) break;
    const arm = await runArm(options, counting, { kind: 'mull', label: `Mull, sleep effort ${effort}`, effort }, spentOut);
    arms.push(arm);
    stopped = arm.stopped;
  }
  for (const budget of options.budgets) {
    if (stopped) break;
    const arm = await runArm(options, counting, { kind: 'baseline', label: `Baseline, ${budget.toLocaleString('en')}-token context`, budget, averageMessageTokens: average }, spentOut);
    arms.push(arm);
    stopped = arm.stopped;
  }
  if (options.judge && !stopped) {
    const all = arms.flatMap((a) => a.outcomes.map((o) => ({ arm: a.label, o })));
    for (const [i, { arm, o }] of all.entries()) {
      if (spentOut()) {
        stopped = true;
        break;
      }
      const question = options.dataset.questions.find((q) => q.id === o.id)!;
      o.judged = await judgeAnswer(counting, options.models.answer, question, o.answer);
      options.onProgress?.({ arm, step: 'judge', done: i + 1, total: all.length, spent: counting.spent });
    }
  }
  return { arms, stopped, spentTokens: counting.spent, averageMessageTokens: average, judged: Boolean(options.judge) && !stopped };
}

type ArmSpec =
  | { kind: 'mull'; label: string; effort: SleepEffort }
  | { kind: 'baseline'; label: string; budget: number; averageMessageTokens: number };

async function runArm(options: ExperimentOptions, counting: CountingProvider, spec: ArmSpec, spentOut: () => boolean): Promise<ArmResult> {
  const store = await openStore('memory://');
  const engine = createEngine({
    store,
    provider: counting,
    sleep: { model: options.models.sleep, effort: spec.kind === 'mull' ? spec.effort : 'medium', nightlyCron: NeverCron, timezone: 'UTC', quietMinutes: 24 * 60, dailyTokenBudget: null },
    answer: { model: options.models.answer, ...(spec.kind === 'baseline' ? baselineSettings(spec.budget, spec.averageMessageTokens) : {}) },
  });
  const result: ArmResult = {
    kind: spec.kind, label: spec.label, effort: spec.kind === 'mull' ? spec.effort : undefined, budget: spec.kind === 'baseline' ? spec.budget : undefined,
    outcomes: [], stopped: false,
  };
  const progress = (step: Progress['step'], done: number, total: number) => options.onProgress?.({ arm: spec.label, step, done, total, spent: counting.spent });
  try {
    const channels = new Map(options.dataset.channels.map((c) => [c.id, toChannel(c)]));
    for (const c of options.dataset.channels) {
      const history = c.messages.filter((m) => spec.kind === 'baseline' || !m.afterPass);
      await engine.ingestHistory(channels.get(c.id)!, history.map(toStored));
    }
    if (spec.kind === 'mull') {
      const onboarding = await passes(engine, counting, options.dataset.channels.map((c) => channels.get(c.id)!), spentOut, (n, t) => progress('pass', n, t));
      result.sleep = { onboarding, steady: emptyCost() };
      if (onboarding.stopped) return { ...result, stopped: true };
      for (const c of options.dataset.channels) {
        for (const m of c.messages.filter((m) => m.afterPass)) await engine.ingest({ type: 'message', channel: channels.get(c.id)!, message: toStored(m) });
      }
    }
    for (const [i, question] of options.dataset.questions.entries()) {
      if (spentOut()) return { ...result, stopped: true };
      result.outcomes.push(await ask(engine, counting, channels.get(question.channel)!, question));
      progress('question', i + 1, options.dataset.questions.length);
    }
    if (spec.kind === 'mull' && result.sleep) {
      // The pass after the questions: what each channel's nightly pass costs once it has lived there.
      result.sleep.steady = await passes(engine, counting, [...channels.values()], spentOut, () => {});
      if (result.sleep.steady.stopped) result.stopped = true;
    }
    return result;
  } finally {
    await engine.stop();
    await store.close();
  }
}

/**
 * The baseline's context at a budget: half the newest history, half the messages retrieval finds
 * for the question (Mull's cold path, whose retrieval is what a baseline without it would lack).
 */
export function baselineSettings(budget: number, averageMessageTokens: number) {
  return { coldRecentTokens: Math.round(budget / 2), coldRetrieved: Math.max(2, Math.round(budget / 2 / averageMessageTokens)) };
}

function averageMessageTokens(dataset: EvalDataset): number {
  const all = dataset.channels.flatMap((c) => c.messages);
  return all.length ? all.reduce((s, m) => s + messageTokens(m.text), 0) / all.length : 20;
}

async function passes(
  engine: RunningEngine,
  counting: CountingProvider,
  channels: readonly Channel[],
  spentOut: () => boolean,
  progress: (done: number, total: number) => void,
): Promise<SleepCost> {
  const cost = emptyCost();
  for (const [i, channel] of channels.entries()) {
    if (spentOut()) return { ...cost, stopped: true };
    const mark = counting.calls.length;
    const report = await engine.rethink(channel.key);
    const calls = counting.since(mark);
    cost.passes++;
    if (report.status === 'failed') cost.failed.push(`${channel.name}: ${report.reason ?? 'failed'}`);
    cost.promptTokens += sum(calls, (c) => c.promptTokens);
    cost.completionTokens += sum(calls, (c) => c.completionTokens);
    cost.calls += calls.length;
    progress(i + 1, channels.length);
  }
  return cost;
}

function emptyCost(): SleepCost {
  return { passes: 0, calls: 0, promptTokens: 0, completionTokens: 0, failed: [], stopped: false };
}

async function ask(engine: RunningEngine, counting: CountingProvider, channel: Channel, question: EvalQuestion): Promise<QuestionOutcome> {
  const mark = counting.calls.length;
  const started = performance.now();
  const answer = await engine.ask({ asker: 'eval', askedIn: channel.key, scope: [channel.key], question: question.text });
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const calls: CountedCall[] = counting.since(mark);
  const grade = gradeByRules(answer.text, question);
  return {
    id: question.id,
    kind: question.kind,
    fact: question.fact,
    path: answer.path,
    correct: grade.correct,
    stale: grade.stale,
    promptTokens: sum(calls, (c) => c.promptTokens),
    completionTokens: sum(calls, (c) => c.completionTokens),
    calls,
    ms,
    answer: answer.text.slice(0, 2_000),
  };
}

function toChannel(c: EvalChannel): Channel {
  return { key: `console:eval:${c.id}`, platform: 'console', workspace: 'eval', id: c.id, name: c.name, isPrivate: false, isDm: false };
}

function toStored(m: EvalChannel['messages'][number]): StoredMessage {
  return { id: m.id, ts: m.ts, user: m.user, userName: m.user, text: m.text, ...(m.threadId ? { threadId: m.threadId } : {}) };
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((s, item) => s + pick(item), 0);
}

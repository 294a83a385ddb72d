import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MullConfig, SleepEffort } from '../config.js';
import { ErrorCode, MullError } from '../core/errors.js';
import { curveSvg } from '../eval/curve-svg.js';
import { parseDataset } from '../eval/dataset.js';
import { estimateCost } from '../eval/estimate.js';
import { runExperiment, type Progress } from '../eval/experiment.js';
import { AmortizationDefaults } from '../eval/figures.js';
import { renderEvalMarkdown } from '../eval/markdown.js';
import { buildEvalReport } from '../eval/report.js';
import { providerFromConfig } from '../main.js';
import { EvalDefaults } from './eval-defaults.js';

export { EvalDefaults };

export interface EvalCommandOptions {
  dataset?: string;
  out?: string;
  efforts?: string;
  budgets?: string;
  maxTokens?: string;
  judge?: boolean;
  costRatio?: string;
  horizonDays?: string;
}

/** The dataset `mull eval` runs when given none (examples/eval/, shipped with the package). */
export const DefaultDatasetPath = fileURLToPath(new URL('../../examples/eval/channel-qa.jsonl', import.meta.url));


/**
 * `mull eval`: the sleep-time experiment against the configured provider. Says what it will spend
 * before it starts, stops at --max-tokens, shows progress, and writes eval.json, eval.md and
 * eval.svg. Returns false when the run was stopped by the guard or could not start.
 */
export async function evalCommand(config: MullConfig, options: EvalCommandOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<boolean> {
  const provider = providerFromConfig(config);
  if (!provider) {
    throw new MullError(ErrorCode.BadInput, 'mull eval needs a model: set OPENAI_API_KEY, ANTHROPIC_API_KEY, or OPENAI_BASE_URL for an OpenAI-compatible server (see README)');
  }
  const source = options.dataset ?? DefaultDatasetPath;
  const text = await readFile(source, 'utf8').catch((error: unknown) => {
    throw new MullError(ErrorCode.BadInput, `cannot read the dataset ${source}: ${(error as Error).message}`);
  });
  const dataset = parseDataset(text, source);
  const efforts = list(options.efforts, EvalDefaults.efforts, '--efforts', (v): v is SleepEffort => v === 'low' || v === 'medium' || v === 'high');
  const budgets = list(options.budgets, EvalDefaults.budgets.map(String), '--budgets', (v) => /^\d+$/.test(v) && Number(v) >= 200).map(Number);
  const maxTokens = positive(options.maxTokens, EvalDefaults.maxTokens, '--max-tokens');
  const testToSleepCost = positive(options.costRatio, AmortizationDefaults.testToSleepCost, '--cost-ratio');
  const horizonDays = positive(options.horizonDays, AmortizationDefaults.horizonDays, '--horizon-days');
  const judge = Boolean(options.judge);
  const estimate = estimateCost(dataset, { efforts, budgets, judge });
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  out.write(
    `mull eval: ${dataset.questions.length} questions over ${dataset.channels.length} channels; Mull at sleep effort ${efforts.join(', ')}; baseline at ${budgets.map(fmt).join(', ')} tokens of context${judge ? '; judged by the answer model' : ''}.\n` +
      `Estimated spend: about ${fmt(estimate.total)} tokens (${fmt(estimate.sleepTokens)} sleep-time, ${fmt(estimate.testTokens)} test-time${judge ? `, ${fmt(estimate.judgeTokens)} judging` : ''}) on ${config.llm.provider} (${config.llm.sleepModel} / ${config.llm.answerModel}). Stops at --max-tokens ${fmt(maxTokens)}.\n`,
  );
  if (estimate.total > maxTokens) out.write(`The estimate is above --max-tokens: the run will stop early; raise --max-tokens to run it all.\n`);
  const started = performance.now();
  let lastLine = 0;
  const onProgress = (p: Progress) => {
    // One line per arm step, at most every half second, and always the last of a step.
    const now = performance.now();
    if (p.done < p.total && now - lastLine < 500) return;
    lastLine = now;
    err.write(`[eval] ${p.arm}: ${p.step} ${p.done}/${p.total} · ${fmt(p.spent)} tokens spent\n`);
  };
  const result = await runExperiment({ dataset, provider, models: { sleep: config.llm.sleepModel, answer: config.llm.answerModel }, efforts, budgets, maxTokens, judge, onProgress });
  const report = buildEvalReport({
    result, dataset, source,
    provider: { name: config.llm.provider!, sleepModel: config.llm.sleepModel, answerModel: config.llm.answerModel, ...(config.llm.baseURL ? { baseURL: config.llm.baseURL } : {}) },
    settings: { efforts, budgets, maxTokens, judge, testToSleepCost, horizonDays },
    estimate,
  });
  const dir = resolve(options.out ?? EvalDefaults.out);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'eval.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'eval.md'), renderEvalMarkdown(report, 'eval.svg'));
  const caption = `${report.provider.name} ${report.provider.answerModel}; ${report.dataset.questions} questions; ${report.date.slice(0, 10)}`;
  await writeFile(join(dir, 'eval.svg'), curveSvg({ figures: report.arms, headline: report.headline, amortized: report.amortized, caption }));
  for (const bar of report.bars) out.write(`${bar.met === null ? '  ?' : bar.met ? ' ok' : 'NOT'} ${bar.id.padEnd(3)} ${bar.what}: ${bar.actual}\n`);
  out.write(`${result.stopped ? 'Stopped at --max-tokens; ' : ''}${fmt(result.spentTokens)} tokens in ${Math.round((performance.now() - started) / 1000)} s. Wrote ${join(dir, 'eval.json')}, eval.md and eval.svg.\n`);
  return !result.stopped;
}

function list<T extends string>(raw: string | undefined, fallback: readonly string[], flag: string, valid: (v: string) => v is T): T[];
function list(raw: string | undefined, fallback: readonly string[], flag: string, valid: (v: string) => boolean): string[];
function list(raw: string | undefined, fallback: readonly string[], flag: string, valid: (v: string) => boolean): string[] {
  const values = raw === undefined ? [...fallback] : raw.split(',').map((v) => v.trim()).filter(Boolean);
  const wrong = values.filter((v) => !valid(v));
  if (values.length === 0 || wrong.length) throw new MullError(ErrorCode.BadInput, `${flag}: not valid: ${wrong.join(', ') || '(empty)'}`);
  return values;
}

function positive(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new MullError(ErrorCode.BadInput, `${flag}: expected a positive number, got "${raw}"`);
  return value;
}

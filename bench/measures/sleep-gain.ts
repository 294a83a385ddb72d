import type { SleepEffort } from '../../src/config.js';
import { runExperiment } from '../../src/eval/experiment.js';
import type { ExperimentResult } from '../../src/eval/results.js';
import { createProvider } from '../../src/llm/create-provider.js';
import { generateDataset, type DatasetOptions } from '../../examples/eval/generate.js';
import type { FakeModel } from '../model/fake-model.js';
import { ZeroLatency } from '../model/latency.js';

/**
 * Issues 9 and 10: the sleep-time gain on held-out questions, through `mull eval`'s experiment
 * (src/eval) against the fake model. The eval dataset's facts and questions with a longer history
 * of chatter, so that the baseline's context budgets matter; Mull at each sleep effort, the
 * baseline at each budget; precision, staleness and hit rate on the same answers.
 */
export interface SleepGainOptions {
  dataset: DatasetOptions;
  efforts: readonly SleepEffort[];
  budgets: readonly number[];
}

export interface SleepGain {
  options: SleepGainOptions;
  messages: number;
  questions: number;
  result: ExperimentResult;
}

export async function measureSleepGain(model: FakeModel, options: SleepGainOptions): Promise<SleepGain> {
  await model.configure({ latency: ZeroLatency });
  const dataset = generateDataset(options.dataset);
  const provider = createProvider({ provider: 'openai', apiKey: 'sk-bench', baseURL: model.url, maxRetries: 0, timeoutMs: 120_000 });
  const result = await runExperiment({ dataset, provider, models: { sleep: 'bench-sleep-model', answer: 'bench-answer-model' }, efforts: options.efforts, budgets: options.budgets });
  return { options, messages: dataset.channels.reduce((s, c) => s + c.messages.length, 0), questions: dataset.questions.length, result };
}

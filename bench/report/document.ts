import { DefaultAnswerSettings } from '../../src/answer/answer-question.js';
import { DefaultSleepSettings } from '../../src/sleep/pass.js';
import { describeMachine, loadAverage } from '../machine.js';
import { sourceVersion } from '../source-version.js';
import { CostModel } from '../measures/amortized-cost.js';
import { NewMessagesPerPass } from '../measures/incremental-pass.js';
import { DefaultCompletionRule } from '../model/completion.js';
import { FixedLatency300, HostedModelLatency, ZeroLatency } from '../model/latency.js';
import { TokenizerName } from '../model/tokens.js';
import type { SuiteOptions } from '../options.js';
import { UnreadMessages } from '../workspace/slices.js';
import { judgeBars, type Bar } from './bars.js';
import { aggregate, type Aggregates, type RawMeasures } from './results.js';

/** bench/results/latest.json: every figure, and how it was obtained. */
export interface ResultsDocument {
  suite: 'mull-bench';
  schema: 1;
  mode: SuiteOptions['name'];
  date: string;
  durationSeconds: number;
  machine: ReturnType<typeof describeMachine> & { loadAverage1m: { start: number; end: number } };
  source: ReturnType<typeof sourceVersion>;
  model: Record<string, unknown>;
  method: Record<string, unknown>;
  options: SuiteOptions;
  phases: { name: string; seconds: number }[];
  bars: Bar[];
  aggregates: Aggregates;
  measures: RawMeasures;
}

export function buildDocument(input: { suite: SuiteOptions; raw: RawMeasures; phases: ResultsDocument['phases']; startedAt: Date; durationSeconds: number; loadAtStart: number }): ResultsDocument {
  const aggregates = aggregate(input.raw, input.suite.referenceSize);
  return {
    suite: 'mull-bench',
    schema: 1,
    mode: input.suite.name,
    date: input.startedAt.toISOString(),
    durationSeconds: input.durationSeconds,
    machine: { ...describeMachine(), loadAverage1m: { start: input.loadAtStart, end: loadAverage() } },
    source: sourceVersion(),
    model: {
      server: 'bench/model/server.ts: OpenAI-compatible chat completions on 127.0.0.1, in its own process, driven by the real openai SDK',
      tokenizer: TokenizerName,
      promptTokens: 'every message content + 3 per message + 3 (OpenAI cookbook); the JSON schema is not counted',
      completionRule: { ...DefaultCompletionRule, rule: 'completion = share x max_tokens of the request, for every request; the fake never knows the mode' },
      promptCache: 'simulated like OpenAI: a system prefix seen before, of 1,024+ tokens, is reported as cached in steps of 128 (reported, not discounted in any cost)',
      latencyModels: {
        tokensPassesIngest: { ...ZeroLatency, note: 'measures 1, 2, 5, 6: only tokens are counted' },
        replyLatency: { ...HostedModelLatency, note: 'measure 3; the fake waits this long minus its own compute time' },
        overheadAndMemory: { ...ZeroLatency, note: 'measures 4 and 7; the fake model compute time is subtracted from warm answers in measure 4' },
        load: { ...FixedLatency300, note: 'measure 8' },
      },
    },
    method: {
      store: 'embedded SQLite (sqlite://, the default), one file per engine',
      engine: { answer: DefaultAnswerSettings, sleep: { ...DefaultSleepSettings, effort: 'medium' } },
      sleepTime: `the history arrives in ${input.suite.parts} parts with a pass over every channel after each; then the newest ${UnreadMessages} messages arrive live (engine.ingest), read by no pass, and the question set is asked`,
      baseline: `the same engine and store code over the same messages with no pass ever run, so every question takes Mull's cold path: system prompt + up to ${DefaultAnswerSettings.coldRecentTokens} tokens (estimated) of the newest messages + ${DefaultAnswerSettings.coldRetrieved} retrieved messages, ${DefaultAnswerSettings.coldMaxTokens} completion tokens`,
      questionSet: 'per workspace: every planted fact in its ground-truth wording (what a pass anticipates), plus 8 paraphrases no prepared answer matches: 20 questions, 60% anticipatable by design; each asked in the channel that holds the answer',
      correctness: 'an answer is correct when it contains every expected keyword of the planted fact and no forbidden one',
      costModel: { ...CostModel, source: 'Lin et al. 2025 (arXiv 2504.13171): latency-optimised test-time tokens ~10x batch sleep-time tokens' },
      amortization: 'per channel: the steady-state pass (over the unread messages and the questions just asked) divided by the questions asked in that channel between two passes, plus the test-time tokens of one question',
      incrementalPass: `${NewMessagesPerPass} identical new messages into #eng-platform, then one pass, at each history size`,
      medians: 'figures are medians over runs (seeds) where a size has several; ratios are taken within one run, then the median taken',
    },
    options: input.suite,
    phases: input.phases,
    bars: judgeBars(input.raw, aggregates, input.suite),
    aggregates,
    measures: input.raw,
  };
}

import { DefaultAnswerSettings } from '../../src/answer/answer-question.js';
import { DefaultSleepSettings } from '../../src/sleep/pass.js';
import { describeMachine, loadAverage } from '../machine.js';
import { sourceVersion } from '../source-version.js';
import { CostModel } from '../measures/amortized-cost.js';
import { NewMessagesPerPass } from '../measures/incremental-pass.js';
import { AmortizationDefaults } from '../../src/eval/figures.js';
import { FixedLatency300, HostedModelLatency, ZeroLatency } from '../model/latency.js';
import { TokenizerName } from '../model/tokens.js';
import type { SuiteOptions } from '../options.js';
import { UnreadMessages } from '../workspace/slices.js';
import { judgeBars, type Bar } from './bars.js';
import { slimGain } from './gain.js';
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
  measures: Omit<RawMeasures, 'gain'> & { gain: ReturnType<typeof slimGain>[] };
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
      completions: 'budget-free: what the request needs, cut only where max_tokens is lower (never happened when finish_reason stays stop). An answer is the newest statement of what was asked found in the prompt plus one fixed sentence of support; a check is a verdict (and the amended statement when newer messages change it); a pass is one note and one prepared question (with three or four paraphrases and up to four look-alikes in its own words) per thing the material states, a note on each distinct other thing said (up to 40, newest first), and a one-line summary. The same rules for every path; the fake never learns which path asks',
      understanding: 'bench/model/understanding.ts: a lexicon of subjects (the launch, the launch party, billing, the Pro plan, ...) and attributes (date, owner, previous owner, price, ...) read every question and every line of material the same way; it reads every wording in the eval set correctly (perfect comprehension assumed: what a real model gets wrong, mull eval measures). Its own wordings never equal a question of the set (test/bench/fake-understanding.test.ts)',
      promptCache: 'simulated like OpenAI: a system prefix seen before, of 1,024+ tokens, is reported as cached in steps of 128 (reported, not discounted in any cost)',
      latencyModels: {
        tokensPassesIngest: { ...ZeroLatency, note: 'measures 1, 5, 6, 9, 10: only tokens are counted (latency of checks and warm answers in 9 is the fake compute time only)' },
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
      gain: `issues 9 and 10 run through src/eval (what mull eval runs): the eval dataset (examples/eval) with ${input.suite.gain.chatterPerChannel.join(' and ')} chatter messages per channel; Mull at sleep effort ${input.suite.gain.efforts.join(', ')} (one pass over the history, then the changes after it, then the questions, then the next pass), the baseline (Mull's cold path, no pass) at ${input.suite.gain.budgets.join(', ')} tokens of context, half the newest messages and half retrieved; bars judged on the first size`,
      gainQuestions: 'held-out: 55 questions written by hand apart from the pass (examples/eval/facts.ts): 22 paraphrases of 7 unchanged facts, 20 look-alikes with their own answers, 13 on 4 facts changed after the pass (2 of the changes without numbers); correct = every required string of the gold answer, stale = an old value without the new one',
      gainCost: `amortized: a test-time token costs ${AmortizationDefaults.testToSleepCost} sleep-time tokens; per channel one steady pass a day (the pass after the questions, measured) plus the first read of the history spread over ${AmortizationDefaults.horizonDays} days, shared by the questions of that day`,
      questionSet: 'measures 1b and 3-8 (the acme workspace): every planted fact in its ground-truth wording (what a pass anticipates), plus 8 paraphrases no prepared answer matches: 20 questions, 60% anticipatable by design; each asked in the channel that holds the answer',
      correctness: 'an answer is correct when it contains every expected keyword of the planted fact and no forbidden one',
      costModel: { ...CostModel, source: 'Lin et al. 2025 (arXiv 2504.13171): latency-optimised test-time tokens ~10x batch sleep-time tokens' },
      amortization: 'per channel: the steady-state pass (over the unread messages and the questions just asked) divided by the questions asked in that channel between two passes, plus the test-time tokens of one question',
      incrementalPass: `${NewMessagesPerPass} identical new messages into #eng-platform, then one pass, at each history size`,
      badInputs: `issue 14 point 8 (measure 14): the real CLI (node dist/cli/mull.js import PATH) in a child process per bad input, a fresh SQLite store in a temp folder each, file cap ${input.suite.bounds.maxFileMb} MB; peak RSS is the child's own high-water mark (VmHWM, not getrusage's maxRSS, which Linux carries over from the parent across fork and exec) reported on exit by a preload (node --import), one run per case (maxRSS of one process varies by a few MB between runs); outcome = exit code, the first stderr line naming the file, the messages in the store afterwards`,
      medians: 'figures are medians over runs (seeds) where a size has several; ratios are taken within one run, then the median taken',
    },
    options: input.suite,
    phases: input.phases,
    bars: judgeBars(input.raw, aggregates, input.suite),
    aggregates,
    measures: { ...input.raw, gain: input.raw.gain.map(slimGain) },
  };
}

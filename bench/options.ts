import type { BoundsOptions } from './measures/bad-input-memory.js';
/**
 * What a run measures and how much of it: the full suite (`npm run bench`, under 10 minutes on two
 * cores) and the quick one (`-- --quick`, for CI: the same code paths on small inputs, figures not
 * judged). Defaults as data.
 */
export interface SuiteOptions {
  name: 'full' | 'quick';
  /** Workspace sizes for measure 1 (messages), with the seeds run at each: one run per seed. */
  sizes: { messages: number; seeds: number[] }[];
  /** Parts the history arrives in, a pass over every channel after each. */
  parts: number;
  /** The size measures 1 (ratio), 2 and 3 are judged at. */
  referenceSize: number;
  latency: { repetitions: number; intervalMs: number };
  /** Measure 6 compares the pass at these two history sizes. */
  incremental: [small: number, large: number];
  /** Measures 4 and 5 (live ingest) run on this size's store. */
  overhead: { size: number; warmup: number; cached: number; warm: number; asDelivered: number; repetitions: number };
  liveIngest: { messages: number; repetitions: number };
  importSizes: number[];
  importRepetitions: number;
  memory: { workspaces: number; messagesEach: number; dms: number; liveMessages: number; repetitions: number };
  load: { workspaces: number; messagesEach: number; mentions: number; windowSeconds: number; commands: number; repetitions: number };
  /**
   * Issues 9 and 10 (the sleep-time gain, through src/eval): the eval dataset's facts and questions
   * with this much chatter per channel (the first size is the one the bars are judged on), Mull at
   * each sleep effort, the baseline at each context budget (tokens).
   */
  gain: { chatterPerChannel: number[]; efforts: ('low' | 'medium' | 'high')[]; budgets: number[] };
  /**
   * Issue 14 point 8 (bench/measures/bad-input-memory.ts): peak RSS of `mull import` on bad inputs.
   * `maxFileMb` is the per-file cap the CLI runs with; every input is sized relative to it (32, the
   * default cap: the sizes of the issue; the quick suite scales them down with the cap).
   */
  bounds: BoundsOptions;
}

export const FullSuite = {
  name: 'full',
  sizes: [
    { messages: 1_000, seeds: [42, 43, 44] },
    { messages: 10_000, seeds: [42, 43, 44] },
    { messages: 100_000, seeds: [42, 43] },
  ],
  parts: 10,
  referenceSize: 10_000,
  latency: { repetitions: 5, intervalMs: 150 },
  incremental: [1_000, 100_000],
  overhead: { size: 100_000, warmup: 20, cached: 200, warm: 100, asDelivered: 20, repetitions: 3 },
  liveIngest: { messages: 300, repetitions: 3 },
  importSizes: [10_000, 100_000],
  importRepetitions: 3,
  // 4 workspaces x 5 channels x 25,000 messages: 100,000 messages in 20 channels.
  memory: { workspaces: 4, messagesEach: 25_000, dms: 10, liveMessages: 200, repetitions: 3 },
  // 10 workspaces x 5 channels: 50 channels.
  load: { workspaces: 10, messagesEach: 1_000, mentions: 200, windowSeconds: 10, commands: 20, repetitions: 3 },
  // 4 channels x (1,500 chatter + the facts) = about 6,100 messages; and a short history beside it.
  gain: { chatterPerChannel: [1_500, 150], efforts: ['low', 'medium', 'high'], budgets: [1_000, 2_000, 4_000, 8_000, 16_000] },
  // The default caps; a 50 MB message, a 600 MB zip bomb, 30 and 40 MB Discord files, 10,000 ordinary messages.
  bounds: { maxFileMb: 32, controlMessages: 10_000, repetitions: 3, timeoutMs: 180_000, wideScope: { channels: 200, questionsPerChannel: 12, wordingsPerQuestion: 6, dimensions: 1_536 } },
} as const satisfies SuiteOptions;

export const QuickSuite = {
  name: 'quick',
  sizes: [
    { messages: 1_000, seeds: [42] },
    { messages: 3_000, seeds: [42] },
  ],
  parts: 4,
  referenceSize: 3_000,
  latency: { repetitions: 1, intervalMs: 100 },
  incremental: [1_000, 3_000],
  overhead: { size: 3_000, warmup: 4, cached: 20, warm: 10, asDelivered: 4, repetitions: 1 },
  liveIngest: { messages: 50, repetitions: 1 },
  importSizes: [1_000],
  importRepetitions: 1,
  memory: { workspaces: 4, messagesEach: 500, dms: 2, liveMessages: 20, repetitions: 1 },
  load: { workspaces: 2, messagesEach: 500, mentions: 20, windowSeconds: 2, commands: 3, repetitions: 1 },
  gain: { chatterPerChannel: [150], efforts: ['low', 'medium', 'high'], budgets: [1_000, 4_000, 16_000] },
  // A 2 MB cap and every input scaled by 2/32 (a 3 MB message, a 37.5 MB bomb): the same code, seconds not minutes.
  bounds: { maxFileMb: 2, controlMessages: 1_000, repetitions: 1, timeoutMs: 60_000, wideScope: { channels: 40, questionsPerChannel: 6, wordingsPerQuestion: 4, dimensions: 256 } },
} as const satisfies SuiteOptions;

import type { SleepEffort } from '../config.js';

/** `mull eval`'s defaults, apart from the command so `mull --help` shows them without loading it. */
export const EvalDefaults = {
  efforts: ['medium'] as SleepEffort[],
  /** Baseline context budgets. @unit tokens */
  budgets: [1_000, 4_000, 16_000],
  /** The budget guard. @unit tokens */
  maxTokens: 2_000_000,
  out: 'mull-eval',
};

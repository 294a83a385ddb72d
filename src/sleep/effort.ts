import type { SleepEffort } from '../config.js';

/**
 * The paper's scaling axis for sleep-time compute, as one knob (MULL_SLEEP_EFFORT): more
 * anticipated questions, higher reasoning effort, and more parallel drafts merged.
 */
export interface EffortProfile {
  /** Anticipated questions asked of each pass. */
  questions: number;
  reasoning: 'low' | 'medium' | 'high';
  /** Parallel drafts of each pass, merged into one learned context. */
  drafts: number;
}

export const EffortProfiles = {
  low: { questions: 6, reasoning: 'low', drafts: 1 },
  medium: { questions: 12, reasoning: 'medium', drafts: 1 },
  high: { questions: 20, reasoning: 'high', drafts: 2 },
} as const satisfies Record<SleepEffort, EffortProfile>;

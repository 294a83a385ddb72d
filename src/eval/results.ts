import type { AnswerPath } from '../core/types.js';
import type { CountedCall } from './counting-provider.js';
import type { QuestionKind } from './dataset.js';

/** What one question got in one arm of the experiment. */
export interface QuestionOutcome {
  id: string;
  kind: QuestionKind;
  fact: string;
  path: AnswerPath;
  /** By the rules (every required string, no forbidden one). */
  correct: boolean;
  /** States what was true before a change after the pass, and not what is true now. */
  stale: boolean;
  /** The judge's verdict, when one was asked. */
  judged?: boolean;
  /** Test-time tokens of this answer. @unit tokens */
  promptTokens: number;
  completionTokens: number;
  calls: CountedCall[];
  /** Time `ask` took. @unit milliseconds */
  ms: number;
  answer: string;
}

/** Sleep-time spend of a round of passes (one per channel). */
export interface SleepCost {
  passes: number;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  failed: string[];
  stopped: boolean;
}

export interface ArmResult {
  kind: 'mull' | 'baseline';
  label: string;
  effort?: string;
  /** Baseline context budget. @unit tokens */
  budget?: number;
  outcomes: QuestionOutcome[];
  /** Mull: the first read of the history, and the pass after the questions. */
  sleep?: { onboarding: SleepCost; steady: SleepCost };
  /** The budget guard stopped the run during this arm. */
  stopped: boolean;
}

export interface ExperimentResult {
  arms: ArmResult[];
  stopped: boolean;
  spentTokens: number;
  /** Of the dataset's messages, as Mull budgets them. @unit tokens */
  averageMessageTokens: number;
  judged: boolean;
}

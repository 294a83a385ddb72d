import { round } from '../stats.js';

/**
 * Measure 2: amortized cost per question with the paper's cost model (a test-time token costs 10
 * sleep-time tokens: latency-optimised inference is about 10x dearer than batch). With q questions
 * in a channel between two passes, each question carries 1/q of that channel's pass.
 */
export const CostModel = { sleepTokenCost: 1, testTokenCost: 10 } as const;

export const QuestionsPerChannel = [1, 2, 5, 10, 20] as const;

export interface AmortizedPoint {
  questionsPerChannel: number;
  /** Tokens per question, sleep-time (pass share + test time) and baseline. @unit tokens */
  sleepTokens: number;
  baselineTokens: number;
  /** Cost per question in sleep-token units. */
  sleepCost: number;
  baselineCost: number;
  /** Baseline cost over sleep-time cost: above 1, sleep-time is cheaper. */
  advantage: number;
}

export function amortize(input: { passTokensPerChannel: number; sleepTestTokens: number; baselineTestTokens: number }): AmortizedPoint[] {
  return QuestionsPerChannel.map((q) => {
    const passShare = input.passTokensPerChannel / q;
    const sleepCost = passShare * CostModel.sleepTokenCost + input.sleepTestTokens * CostModel.testTokenCost;
    const baselineCost = input.baselineTestTokens * CostModel.testTokenCost;
    return {
      questionsPerChannel: q,
      sleepTokens: round(passShare + input.sleepTestTokens),
      baselineTokens: round(input.baselineTestTokens),
      sleepCost: round(sleepCost),
      baselineCost: round(baselineCost),
      advantage: round(baselineCost / sleepCost, 2),
    };
  });
}

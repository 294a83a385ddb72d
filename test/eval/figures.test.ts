import { describe, expect, it } from 'vitest';
import { evalBars } from '../../src/eval/bars.js';
import { amortize, armFigures, headline, type ArmFigures } from '../../src/eval/figures.js';
import { gradeByRules } from '../../src/eval/grade.js';
import type { ArmResult, QuestionOutcome } from '../../src/eval/results.js';

const point = (kind: 'mull' | 'baseline', label: string, correctShare: number, meanTestTokens: number): ArmFigures => ({
  label, kind, questions: 100, correct: Math.round(correctShare * 100), correctShare, meanTestTokens, meanPromptTokens: meanTestTokens, meanCompletionTokens: 0,
  paths: { cached: 0, verified: 0, warm: 0, cold: 0, offline: 0 },
});

describe('reading the curve', () => {
  const baseline = [point('baseline', 'b1k', 0.6, 1_000), point('baseline', 'b4k', 0.8, 4_000), point('baseline', 'b16k', 0.9, 14_000)];

  it('reads the ratio at the baseline\'s best correctness, from the cheapest Mull arm that reaches it', () => {
    const h = headline([...baseline, point('mull', 'low', 0.88, 500), point('mull', 'medium', 0.92, 900), point('mull', 'high', 0.92, 1_200)])!;
    expect(h).toMatchObject({ baselineBestShare: 0.9, baselineTokens: 14_000, mullLabel: 'medium', mullTokens: 900, ratio: 15.56 });
    // At Mull's best (92%) the baseline's curve never gets there: no second reading.
    expect(h.atMullBest).toBeNull();
  });

  it('reports a miss when Mull never reaches the baseline\'s best, with the reading at Mull\'s best interpolated', () => {
    const h = headline([...baseline, point('mull', 'medium', 0.7, 700)])!;
    expect(h.ratio).toBeNull();
    expect(h.mullBestShare).toBe(0.7);
    // 70% is halfway between 60% (1,000 tokens) and 80% (4,000 tokens).
    expect(h.atMullBest).toMatchObject({ share: 0.7, baselineTokens: 2_500, ratio: 3.57 });
    const [bar] = evalBars([...baseline, point('mull', 'medium', 0.7, 700)], h, null);
    expect(bar).toMatchObject({ id: '10a', met: false, margin: 'short by 20 points of correctness' });
  });

  it('amortizes every pass: the steady pass a day and the first read over the horizon, shared by the day\'s questions', () => {
    const [one, ten] = amortize({ onboardingPerChannel: 30_000, steadyPerChannel: 2_000, mullTestTokens: 500, baselineTestTokens: 5_000, questionsPerChannel: [1, 10] });
    // (2,000 + 30,000 / 30) / q + 500 x 10
    expect(one).toEqual({ questionsPerChannel: 1, mullCost: 8_000, baselineCost: 50_000, advantage: 6.25 });
    expect(ten).toEqual({ questionsPerChannel: 10, mullCost: 5_300, baselineCost: 50_000, advantage: 9.43 });
  });
});

describe('issue 9\'s figures', () => {
  const outcome = (o: Partial<QuestionOutcome>): QuestionOutcome => ({
    id: 'q', kind: 'paraphrase', fact: 'f', path: 'warm', correct: true, stale: false, promptTokens: 0, completionTokens: 0, calls: [], ms: 1, answer: '', ...o,
  });

  it('counts wrong cached answers, stale answers, paraphrase hits and the check against warm prompts', () => {
    const arm: ArmResult = {
      kind: 'mull', label: 'Mull, sleep effort medium', effort: 'medium', stopped: false,
      outcomes: [
        outcome({ path: 'cached' }),
        outcome({ path: 'cached', kind: 'lookalike', correct: false }),
        outcome({ path: 'verified', calls: [{ kind: 'answer_check', promptTokens: 300, completionTokens: 20, cachedPromptTokens: 0, ms: 10 }] }),
        outcome({ path: 'warm', calls: [{ kind: 'answer_check', promptTokens: 340, completionTokens: 20, cachedPromptTokens: 0, ms: 12 }, { kind: 'answer', promptTokens: 2_000, completionTokens: 60, cachedPromptTokens: 0, ms: 40 }] }),
        outcome({ path: 'verified', kind: 'changed', stale: true, correct: false }),
      ],
      sleep: {
        onboarding: { passes: 2, calls: 2, promptTokens: 9_000, completionTokens: 1_000, failed: [], stopped: false },
        steady: { passes: 2, calls: 2, promptTokens: 3_000, completionTokens: 1_000, failed: [], stopped: false },
      },
    };
    const m = armFigures(arm).mull!;
    expect(m).toMatchObject({ cached: 2, cachedWrong: 1, cachedWrongShare: 0.5, staleServed: 1, changedQuestions: 1, paraphrases: 3, paraphraseHits: 2, lookalikes: 1, lookalikesCorrect: 0 });
    expect(m.verified).toMatchObject({ calls: 2, meanPromptTokens: 320 });
    expect(m.warm).toMatchObject({ calls: 1, meanPromptTokens: 2_000 });
    expect(m.verifiedToWarmPrompt).toBe(0.16);
    expect(m.sleep).toMatchObject({ onboardingPerChannel: 5_000, steadyPerChannel: 2_000 });
    const bars = evalBars([armFigures(arm)], null, null);
    expect(bars.map((b) => [b.id, b.met])).toEqual([['10a', null], ['10b', null], ['9a', false], ['9b', false], ['9c', false], ['9d', false]]);
  });

  it('grades by rules: every required string, no forbidden one; stale when only the old value is there', () => {
    const q = { mustContain: ['finance'], forbidden: [], stale: ['Dana'] };
    expect(gradeByRules('Billing moved to the Finance team.', q)).toEqual({ correct: true, stale: false });
    expect(gradeByRules('Dana owns billing.', q)).toEqual({ correct: false, stale: true });
    expect(gradeByRules('Dana had it; now the finance team does.', q)).toEqual({ correct: true, stale: false });
    expect(gradeByRules('$12, not $15', { mustContain: ['$12'], forbidden: ['$15'], stale: [] })).toEqual({ correct: false, stale: false });
  });
});

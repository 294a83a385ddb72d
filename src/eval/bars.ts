import type { ArmFigures, Headline } from './figures.js';
import { round } from './figures.js';

/** One bar of issues 9 and 10, judged on an experiment's figures. */
export interface EvalBar {
  id: string;
  what: string;
  target: string;
  actual: string;
  /** null when there is no figure (the arm did not run). */
  met: boolean | null;
  margin: string;
}

const pct = (v: number) => `${round(v * 100, 1)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en');

/**
 * 10a: at the baseline's best correctness, Mull's test-time tokens at least 3x fewer (5x the
 * paper's stretch). 10b: amortized cost at 10 questions per channel at least 2.5x lower. 9a-9d on
 * Mull's default effort (medium) when it ran, else the first Mull arm.
 */
export function evalBars(figures: readonly ArmFigures[], head: Headline | null, amortizedAt10: number | null): EvalBar[] {
  const mull = figures.find((f) => f.kind === 'mull' && f.effort === 'medium') ?? figures.find((f) => f.kind === 'mull');
  const m = mull?.mull;
  const on = mull ? ` (${mull.label})` : '';
  const bars: EvalBar[] = [];
  bars.push(
    head && head.ratio !== null
      ? {
          id: '10a', what: 'Test-time tokens per question at equal correctness (the baseline\'s best)', target: '≥ 3x fewer than the baseline (paper: 5x)',
          actual: `${int(head.mullTokens!)} vs ${int(head.baselineTokens)} tokens at ${pct(head.baselineBestShare)} correct: ${head.ratio}x fewer (${head.mullLabel} vs ${head.baselineLabel})`,
          met: head.ratio >= 3,
          margin: head.ratio >= 3 ? `${round(head.ratio / 3, 2)}x the bar; ${head.ratio >= 5 ? 'meets' : `${round(head.ratio / 5, 2)}x`} the paper's 5x` : `short: ${round(head.ratio / 3, 2)}x the bar`,
        }
      : {
          id: '10a', what: 'Test-time tokens per question at equal correctness (the baseline\'s best)', target: '≥ 3x fewer than the baseline (paper: 5x)',
          actual: head ? `Mull's best correctness ${pct(head.mullBestShare)} is below the baseline's best ${pct(head.baselineBestShare)}` : 'missing',
          met: head ? false : null, margin: head ? `short by ${round((head.baselineBestShare - head.mullBestShare) * 100, 1)} points of correctness` : 'no figure',
        },
  );
  bars.push({
    id: '10b', what: 'Amortized cost per question at 10 questions per channel (test token = 10 sleep tokens, every pass counted)', target: '≥ 2.5x cheaper than the baseline',
    actual: amortizedAt10 !== null ? `${amortizedAt10}x cheaper` : 'missing',
    met: amortizedAt10 !== null ? amortizedAt10 >= 2.5 : null,
    margin: amortizedAt10 === null ? 'no figure' : amortizedAt10 >= 2.5 ? `${round(amortizedAt10 / 2.5, 2)}x the bar` : `short: ${round(amortizedAt10 / 2.5, 2)}x the bar`,
  });
  bars.push({
    id: '9a', what: `Wrong answers served with zero model calls, of cached answers${on}`, target: '≤ 2%',
    actual: m ? `${m.cachedWrong} of ${m.cached} (${pct(m.cachedWrongShare)})` : 'missing',
    met: m ? m.cachedWrongShare <= 0.02 : null,
    margin: !m ? 'no figure' : m.cachedWrongShare <= 0.02 ? (m.cached ? `${m.cachedWrong} wrong` : 'no cached answers') : `over by ${round((m.cachedWrongShare - 0.02) * 100, 1)} points`,
  });
  bars.push({
    id: '9b', what: `Stale answers served after a change since the pass${on}`, target: '0',
    actual: m ? `${m.staleServed} of ${m.changedQuestions} questions on changed facts` : 'missing',
    met: m ? m.staleServed === 0 : null, margin: !m ? 'no figure' : m.staleServed === 0 ? 'none' : `${m.staleServed} stale`,
  });
  bars.push({
    id: '9c', what: `Held-out paraphrases answered from prepared work (cached + verified)${on}`, target: '≥ 70%',
    actual: m ? `${m.paraphraseHits} of ${m.paraphrases} (${pct(m.paraphraseHitRate)})` : 'missing',
    met: m ? m.paraphraseHitRate >= 0.7 : null,
    margin: !m ? 'no figure' : m.paraphraseHitRate >= 0.7 ? `${round(m.paraphraseHitRate / 0.7, 2)}x the bar` : `short by ${round((0.7 - m.paraphraseHitRate) * 100, 1)} points`,
  });
  bars.push({
    id: '9d', what: `Verification prompt vs a warm answer's prompt${on}`, target: '≤ 15% of the warm prompt\'s tokens',
    actual: m && m.verifiedToWarmPrompt !== null
      ? `${int(m.verified.meanPromptTokens)} vs ${int(m.warm.meanPromptTokens)} tokens (${pct(m.verifiedToWarmPrompt)}); latency ${int(m.verified.meanMs)} vs ${int(m.warm.meanMs)} ms`
      : m ? `no ${m.verified.calls ? 'warm answer' : 'verification'} to compare` : 'missing',
    met: m && m.verifiedToWarmPrompt !== null ? m.verifiedToWarmPrompt <= 0.15 : null,
    margin: !m || m.verifiedToWarmPrompt === null ? 'no figure' : m.verifiedToWarmPrompt <= 0.15 ? `${round(0.15 / Math.max(0.001, m.verifiedToWarmPrompt), 2)}x headroom` : `over by ${round((m.verifiedToWarmPrompt - 0.15) * 100, 1)} points`,
  });
  return bars;
}

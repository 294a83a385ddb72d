import { evalBars, type EvalBar } from '../../src/eval/bars.js';
import { curveSvg } from '../../src/eval/curve-svg.js';
import { amortizedAtHeadline, figuresOf, headline, type ArmFigures, type Headline } from '../../src/eval/figures.js';
import type { SleepGain } from '../measures/sleep-gain.js';
import type { ResultsDocument } from './document.js';

/** The sleep-time gain of one history size, as the report shows it. */
export interface GainFigures {
  chatterPerChannel: number;
  messages: number;
  questions: number;
  averageMessageTokens: number;
  arms: ArmFigures[];
  headline: Headline | null;
  amortized: ReturnType<typeof amortizedAtHeadline>;
  bars: EvalBar[];
}

export function gainFigures(gain: SleepGain): GainFigures {
  const arms = figuresOf(gain.result);
  const head = headline(arms);
  const amortized = amortizedAtHeadline(arms, head);
  return {
    chatterPerChannel: gain.options.dataset.chatterPerChannel,
    messages: gain.messages,
    questions: gain.questions,
    averageMessageTokens: Math.round(gain.result.averageMessageTokens * 10) / 10,
    arms,
    headline: head,
    amortized,
    bars: evalBars(arms, head, amortized?.points.find((p) => p.questionsPerChannel === 10)?.advantage ?? null),
  };
}

/** bench/results/sleep-gain.svg: the curve and the amortized cost of the size the bars are judged on. */
export function gainChart(doc: ResultsDocument): string {
  const g = doc.aggregates.gain[0];
  if (!g) return curveSvg({ figures: [], headline: null, amortized: null, caption: 'the sleep-time gain measure did not run' });
  const caption = `Fake model (bench/model), eval dataset with ${g.messages.toLocaleString('en')} messages in 4 channels, ${g.questions} held-out questions; ${doc.mode} suite, ${doc.date.slice(0, 10)}`;
  return curveSvg({ figures: g.arms, headline: g.headline, amortized: g.amortized, caption });
}

/**
 * The raw gain as latest.json keeps it: each answer's path, grade, tokens and call kinds, and the
 * text of the wrong ones. (Every call's usage is in the figures; the full record would be most of the file.)
 */
export function slimGain(gain: SleepGain) {
  return {
    ...gain,
    result: {
      ...gain.result,
      arms: gain.result.arms.map((arm) => ({
        ...arm,
        outcomes: arm.outcomes.map((o) => ({
          id: o.id, path: o.path, correct: o.correct, stale: o.stale, promptTokens: o.promptTokens, completionTokens: o.completionTokens,
          calls: o.calls.map((c) => c.kind).join(' + ') || 'none',
          // The text of a wrong answer, to see what went wrong; right ones state the gold answer.
          ...(o.correct ? {} : { answer: o.answer.slice(0, 200) }),
        })),
      })),
    },
  };
}

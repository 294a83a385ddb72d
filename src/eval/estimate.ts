import type { SleepEffort } from '../config.js';
import { messageTokens } from '../context/text.js';
import { EffortProfiles } from '../sleep/effort.js';
import type { EvalDataset } from './dataset.js';

/**
 * What a run will spend, told before it starts: rough (four characters a token, a fixed size for
 * instructions and replies), on the generous side, so that `--max-tokens` is set knowingly.
 */
export interface CostEstimate {
  sleepTokens: number;
  testTokens: number;
  judgeTokens: number;
  total: number;
}

/** Instructions and framing of a request. @unit tokens */
const Instructions = 800;
/** A reply: an answer, a verdict. @unit tokens */
const Reply = 200;
/** A pass's output per anticipated question (note, question, wordings, answer). @unit tokens */
const PerPrepared = 250;
/** A warm answer's prompt: learned context, recent and retrieved messages. @unit tokens */
const WarmPrompt = 3_000;

export function estimateCost(dataset: EvalDataset, options: { efforts: readonly SleepEffort[]; budgets: readonly number[]; judge: boolean }): CostEstimate {
  const questions = dataset.questions.length;
  let sleep = 0;
  for (const effort of options.efforts) {
    const profile = EffortProfiles[effort];
    for (const channel of dataset.channels) {
      const history = channel.messages.reduce((s, m) => s + messageTokens(m.text), 0);
      const output = profile.questions * PerPrepared + 500;
      // The first read, then the pass after the questions (the learned context again, and what is new).
      sleep += profile.drafts * (Instructions + history + output) + profile.drafts * (Instructions + 2 * output);
    }
  }
  // The baseline reads up to its budget, and never more than the channel holds.
  const historyOf = new Map(dataset.channels.map((c) => [c.id, c.messages.reduce((s, m) => s + messageTokens(m.text), 0)]));
  const baseline = options.budgets.reduce((s, b) => s + dataset.questions.reduce((t, q) => t + Instructions + Math.min(b, historyOf.get(q.channel) ?? b) + Reply, 0), 0);
  const test = options.efforts.length * questions * (WarmPrompt + Reply) + baseline;
  const judge = options.judge ? (options.efforts.length + options.budgets.length) * questions * (Instructions + 2 * Reply) : 0;
  return { sleepTokens: sleep, testTokens: test, judgeTokens: judge, total: sleep + test + judge };
}

import type { LlmProvider } from '../llm/provider.js';
import type { EvalQuestion } from './dataset.js';

/**
 * Grading. The rules: a correct answer contains every required string (case-insensitive) and no
 * forbidden one; a stale one states what was true before the change after the pass and not what
 * is true now. The judge (optional) asks the answer model whether the answer says what the gold
 * answer says, for gold answers that no string match captures.
 */
export function gradeByRules(answer: string, question: Pick<EvalQuestion, 'mustContain' | 'forbidden' | 'stale'>): { correct: boolean; stale: boolean } {
  const lower = answer.toLowerCase();
  const hasAll = question.mustContain.every((s) => lower.includes(s.toLowerCase()));
  const correct = hasAll && !question.forbidden.some((s) => lower.includes(s.toLowerCase()));
  const stale = !hasAll && question.stale.some((s) => lower.includes(s.toLowerCase()));
  return { correct, stale };
}

export const JUDGE_SYSTEM_PROMPT = `You grade answers a team's chat bot gave. Given a question, the gold answer and the bot's
answer, decide whether the bot's answer states what the gold answer states (other wording, extra
context and citations are fine; a different or outdated value, or no answer, is not correct).`;

const judgeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['correct', 'reason'],
  properties: {
    correct: { type: 'boolean', description: 'True when the answer states what the gold answer states.' },
    reason: { type: 'string', description: 'One short sentence.' },
  },
};

export async function judgeAnswer(provider: LlmProvider, model: string, question: EvalQuestion, answer: string): Promise<boolean> {
  const result = await provider.complete({
    model,
    system: JUDGE_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: `# Question\n${question.text}\n\n# Gold answer\n${question.gold}\n\n# Answer\n${answer}` }],
    maxTokens: 200,
    schema: { name: 'eval_judge', schema: judgeSchema },
  });
  const json = result.json as { correct?: unknown } | undefined;
  return json?.correct === true;
}

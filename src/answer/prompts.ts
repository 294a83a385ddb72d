import type { JsonSchema } from '../llm/provider.js';
import { z } from 'zod';

/**
 * Test-time prompts. The instructions and the learned context come first and stay byte-identical
 * for a given learned-context version (the provider's prompt cache hits); the question and the
 * fresh material come last.
 */
export const ANSWER_SYSTEM_PROMPT = `You are Mull, a bot in a team's chat. Answer the question from what you know
about the team's channels. What you learned while the channel was quiet comes first: a summary and
notes, and with the question, answers already reasoned out for similar questions. Use them rather
than thinking on the spot, and do not recompute what is already there. Newer messages, when given, override older notes.
Be brief and direct, as in chat. Cite the labels (m12) of the messages your answer rests on. If the
material does not answer the question, say so and set covered to false; never guess.`;

export const AnswerOutput = z.object({
  answer: z.string().min(1).max(8000),
  citations: z.array(z.string().max(20)).max(20),
  covered: z.boolean(),
});
export type AnswerOutput = z.infer<typeof AnswerOutput>;

export const answerJsonSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['answer', 'citations', 'covered'],
  properties: {
    answer: { type: 'string', description: 'The reply, in Markdown, ready to post.' },
    citations: { type: 'array', items: { type: 'string', description: 'A message label such as m12.' } },
    covered: { type: 'boolean', description: 'False when the material does not answer the question.' },
  },
};

export function answerUserPrompt(parts: {
  recent: string;
  retrieved: string;
  nearest: string[];
  question: string;
}): string {
  const sections: string[] = [];
  if (parts.recent) sections.push(`# Messages since the last pass\n${parts.recent}`);
  if (parts.retrieved) sections.push(`# Older messages that may be relevant\n${parts.retrieved}`);
  if (parts.nearest.length) sections.push(`# Prepared answers to similar questions\n${parts.nearest.join('\n')}`);
  sections.push(`# Question\n${parts.question}`);
  return sections.join('\n\n');
}

import { z } from 'zod';
import { MATERIAL_RULE, quoteMaterial } from '../context/render.js';
import { toProviderSchema } from '../llm/json-schema.js';
import type { JsonSchema } from '../llm/provider.js';

/**
 * Test-time prompts. The instructions come first and hold nothing from the channels; the learned
 * context follows as quoted material (byte-identical for a given learned-context version, so the
 * provider's prompt cache hits); the question and the fresh material come last.
 */
export const ANSWER_SYSTEM_PROMPT = `You are Mull, a bot in a team's chat. Answer the question from what you know
about the team's channels. What you learned while the channel was quiet comes first: a summary and
notes, and with the question, answers already reasoned out for similar questions. Use them rather
than thinking on the spot, and do not recompute what is already there. Newer messages, when given, override older notes.
Be brief and direct, as in chat. Cite the labels (m12) of the messages your answer rests on. If the
material does not answer the question, say so and set covered to false; never guess.
${MATERIAL_RULE}`;

/** Shape only, as sent to the model (see json-schema.ts); the answer is cut to its limit when read. */
export const AnswerOutput = z.object({
  answer: z.string().describe('The reply, in Markdown, ready to post.'),
  citations: z.array(z.string().describe('A message label such as m12.')),
  covered: z.boolean().describe('False when the material does not answer the question.'),
});
export type AnswerOutput = z.infer<typeof AnswerOutput>;

export const answerJsonSchema: JsonSchema = toProviderSchema(AnswerOutput);

/** What the learned contexts in play say, as the quoted prefix after the instructions. */
export function answerContext(learned: readonly string[]): string | undefined {
  return learned.length ? `# What you learned while the channels were quiet\n${quoteMaterial(learned.join('\n\n'))}` : undefined;
}

export function answerUserPrompt(parts: {
  recent: string;
  retrieved: string;
  nearest: string[];
  question: string;
}): string {
  const sections: string[] = [];
  if (parts.recent) sections.push(`# Messages since the last pass\n${quoteMaterial(parts.recent)}`);
  if (parts.retrieved) sections.push(`# Older messages that may be relevant\n${quoteMaterial(parts.retrieved)}`);
  if (parts.nearest.length) sections.push(`# Prepared answers to similar questions (they may ask something else)\n${quoteMaterial(parts.nearest.join('\n'))}`);
  sections.push(`# Question\n${parts.question}`);
  return sections.join('\n\n');
}

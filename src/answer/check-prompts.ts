import { z } from 'zod';
import { MATERIAL_RULE_SHORT, quoteMaterial } from '../context/render.js';
import { toProviderSchema } from '../llm/json-schema.js';
import type { JsonSchema } from '../llm/provider.js';

/**
 * The verified path's compact check: does a prepared answer answer this question, and is it still
 * true given what was said since? A few hundred tokens, against a warm answer's thousands.
 */
export const CHECK_SYSTEM_PROMPT = `Decide if an answer prepared earlier may be sent for a question just asked in a team's chat.
asks_same: the question asks exactly what the prepared one asks (same subject, attribute and time frame).
still_true: no newer message changes or doubts the prepared answer.
If asks_same but not still_true and the newer messages say what is true now, set answer to the
correction (brief) and cite its labels (m3); else answer is "".
${MATERIAL_RULE_SHORT}`;

export const CheckOutput = z.object({
  asks_same: z.boolean().describe('The question asks exactly what the prepared question asks.'),
  still_true: z.boolean().describe('Nothing in the newer messages changes the prepared answer.'),
  answer: z.string().describe('The corrected answer when asks_same and not still_true and the newer messages say what is true now; else "".'),
  citations: z.array(z.string().describe('A message label such as m12.')),
});
export type CheckOutput = z.infer<typeof CheckOutput>;

export const checkJsonSchema: JsonSchema = toProviderSchema(CheckOutput);

export function checkUserPrompt(parts: { prepared: string; newer: string; question: string; channelName: string }): string {
  return [
    `# Prepared in #${parts.channelName}\n${quoteMaterial(parts.prepared)}`,
    `# Newer messages on its subject\n${parts.newer ? quoteMaterial(parts.newer) : '(none)'}`,
    `# Question asked now\n${quoteMaterial(parts.question)}`,
  ].join('\n\n');
}

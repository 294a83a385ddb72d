import { z } from 'zod';
import { NOTE_KINDS } from '../core/types.js';
import { toProviderSchema } from '../llm/json-schema.js';
import type { JsonSchema } from '../llm/provider.js';

/**
 * What a sleep pass must return, defined once: the JSON Schema sent to the provider (OpenAI strict
 * `response_format`, Anthropic tool input) is generated from this zod schema, so the validator can
 * never be stricter than what the model was asked for. Shape only: lengths, counts and whether a
 * note id or citation is one the model was shown are settled when the reply is applied
 * (learned-update.ts), where a bad item is trimmed or dropped instead of failing the whole pass.
 */
export const PassOutput = z.object({
  summary: z.string().describe('Two to four sentences: what this channel is about now.'),
  notes: z.array(
    z.object({
      id: z.string().describe('The id of the earlier note this rewrites (n3), or "new".'),
      kind: z.enum(NOTE_KINDS as [string, ...string[]]),
      text: z.string(),
      citations: z.array(z.string().describe('A message label such as m12.')),
    }),
  ),
  questions: z.array(
    z.object({
      question: z.string(),
      subject: z
        .string()
        .describe('What the question is about, in a few words: the thing and the attribute asked for ("launch date", "owner of billing").')
        // Lenient on shape: a server that ignores the schema may leave it out; matching then uses the question.
        .default(''),
      paraphrases: z
        .array(z.string())
        .describe('Three to six other ways people in this channel would ask exactly the same thing.')
        .default([]),
      lookalikes: z
        .array(z.string())
        .describe('Two to four questions that look similar but ask something else (another attribute, person, plan or time frame), which this answer must not be given to.')
        .default([]),
      answer: z.string().describe('The reasoned-out answer, ready to send.'),
      citations: z.array(z.string().describe('A message label such as m12.')),
      confidence: z.number().describe('0 to 1.'),
    }),
  ),
});

export type PassOutput = z.infer<typeof PassOutput>;

/** The JSON Schema sent to the model, generated from PassOutput. */
export const passOutputJsonSchema: JsonSchema = toProviderSchema(PassOutput);

/** Checks a model reply; returns the parsed output or a short description of what is wrong. */
export function checkPassOutput(value: unknown): { ok: true; output: PassOutput } | { ok: false; problem: string } {
  const parsed = PassOutput.safeParse(value);
  if (parsed.success) return { ok: true, output: parsed.data };
  const problem = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, problem };
}

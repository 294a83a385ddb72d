import { z } from 'zod';
import { NOTE_KINDS } from '../core/types.js';
/**
 * What a sleep pass must return. The JSON Schema goes to the provider (OpenAI strict
 * `response_format`, Anthropic tool input); the zod schema checks what actually came back, since
 * OpenAI-compatible servers and older models do not always honour the request.
 */
export const PassOutput = z.object({
    summary: z.string().max(4000),
    notes: z
        .array(z.object({
        id: z.string().max(40),
        kind: z.enum(NOTE_KINDS),
        text: z.string().min(1).max(2000),
        citations: z.array(z.string().max(20)).max(20),
    }))
        .max(200),
    questions: z
        .array(z.object({
        question: z.string().min(3).max(500),
        answer: z.string().min(1).max(4000),
        citations: z.array(z.string().max(20)).max(20),
        confidence: z.number().min(0).max(1),
    }))
        .max(100),
});
export const passOutputJsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['summary', 'notes', 'questions'],
    properties: {
        summary: { type: 'string', description: 'Two to four sentences: what this channel is about now.' },
        notes: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'kind', 'text', 'citations'],
                properties: {
                    id: { type: 'string', description: 'The id of the earlier note this rewrites (n3), or "new".' },
                    kind: { type: 'string', enum: [...NOTE_KINDS] },
                    text: { type: 'string' },
                    citations: { type: 'array', items: { type: 'string', description: 'A message label such as m12.' } },
                },
            },
        },
        questions: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['question', 'answer', 'citations', 'confidence'],
                properties: {
                    question: { type: 'string' },
                    answer: { type: 'string', description: 'The reasoned-out answer, ready to send.' },
                    citations: { type: 'array', items: { type: 'string' } },
                    confidence: { type: 'number', description: '0 to 1.' },
                },
            },
        },
    },
};
/** Checks a model reply; returns the parsed output or a short description of what is wrong. */
export function checkPassOutput(value) {
    const parsed = PassOutput.safeParse(value);
    if (parsed.success)
        return { ok: true, output: parsed.data };
    const problem = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
    return { ok: false, problem };
}

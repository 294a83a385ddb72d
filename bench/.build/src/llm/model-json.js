import { InvalidModelOutputError } from '../core/errors.js';
/**
 * Parses the JSON a model returned for a structured request. A reply cut off at `maxTokens`
 * fails loudly rather than being half-read, and parsing is a strict `JSON.parse` (the Anthropic
 * SDK's stream helper parses tool input leniently, which is why we do not use it for this).
 *
 * One leniency: small models behind OpenAI-compatible servers often wrap JSON in a ```json
 * fence even when asked for a schema; that fence is stripped.
 *
 * The reply text is not put in the error: it holds channel content, and errors get logged.
 */
export function parseModelJson(text, context) {
    const where = `${context.provider}: reply for schema "${context.schemaName}"`;
    if (context.finishReason === 'length') {
        // Anthropic returns tool input already parsed, so parsing cannot tell a truncated call.
        throw new InvalidModelOutputError(`${where} was cut off at maxTokens (${text.length} characters)`);
    }
    const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(text.trim());
    const candidate = fenced ? fenced[1] : text;
    try {
        return JSON.parse(candidate);
    }
    catch (error) {
        throw new InvalidModelOutputError(`${where} is not valid JSON (${text.length} characters)`, { cause: error });
    }
}

/** Defaults, as data (discord.js's `DefaultRestOptions`). */
export const DEFAULT_PROVIDER_OPTIONS = {
    timeoutMs: 60_000,
    maxRetries: 2,
    maxRetryAfterMs: 20_000,
};
export const DEFAULT_BASE_URLS = {
    openai: 'https://api.openai.com/v1',
    anthropic: 'https://api.anthropic.com',
};
/**
 * Default model names per provider: a stronger model for sleep passes (run rarely, off the reply
 * path) and a fast one for answering. The model is chosen per request; config uses these when
 * the operator names none. Not claude-sonnet-4-5: the installed SDK lists it as deprecated, with
 * end of life on 2026-11-30 (and warns on every call to it).
 */
export const DEFAULT_MODELS = {
    openai: { sleep: 'gpt-5', answer: 'gpt-5-mini' },
    anthropic: { sleep: 'claude-sonnet-4-6', answer: 'claude-haiku-4-5' },
};
export function resolveProviderOptions(options) {
    return {
        ...options,
        baseURL: options.baseURL ?? DEFAULT_BASE_URLS[options.provider],
        timeoutMs: options.timeoutMs ?? DEFAULT_PROVIDER_OPTIONS.timeoutMs,
        maxRetries: options.maxRetries ?? DEFAULT_PROVIDER_OPTIONS.maxRetries,
        maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_PROVIDER_OPTIONS.maxRetryAfterMs,
    };
}

import { ErrorCode, MullError } from '../core/errors.js';
import { AnthropicProvider } from './anthropic.js';
import { OpenAIProvider } from './openai.js';
import { resolveProviderOptions } from './options.js';
/** Builds the provider the options name, with every default applied (bolt's one-factory-per-file). */
export function createProvider(options) {
    // Both SDKs would otherwise go looking for a key in the environment, or throw their own error.
    if (!options.apiKey) {
        const hint = 'local servers accept any placeholder';
        throw new MullError(ErrorCode.BadInput, `${options.provider}: apiKey is empty (${hint})`);
    }
    const resolved = resolveProviderOptions(options);
    switch (resolved.provider) {
        case 'openai':
            return new OpenAIProvider(resolved);
        case 'anthropic':
            return new AnthropicProvider(resolved);
        default: {
            const unknown = resolved.provider;
            throw new MullError(ErrorCode.BadInput, `unknown provider "${String(unknown)}"`);
        }
    }
}

/**
 * One small error tree, as in bolt-js and openai-node: every error Mull throws is a MullError
 * with a namespaced code and, where it wraps something, a cause. No thrown strings.
 */
export const ErrorCode = {
    Config: 'mull_config_error',
    Store: 'mull_store_error',
    Import: 'mull_import_error',
    Provider: 'mull_provider_error',
    ProviderRateLimited: 'mull_provider_rate_limited',
    ProviderUnavailable: 'mull_provider_unavailable',
    ProviderTimeout: 'mull_provider_timeout',
    ProviderAuth: 'mull_provider_auth',
    ProviderBadRequest: 'mull_provider_bad_request',
    InvalidModelOutput: 'mull_invalid_model_output',
    PassFailed: 'mull_pass_failed',
    PassBusy: 'mull_pass_busy',
    BudgetExhausted: 'mull_budget_exhausted',
    NotFound: 'mull_not_found',
    BadInput: 'mull_bad_input',
    Adapter: 'mull_adapter_error',
};
export class MullError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = 'MullError';
        this.code = code;
    }
}
export class ConfigError extends MullError {
    /** The environment variable at fault. */
    variable;
    constructor(variable, message) {
        super(ErrorCode.Config, `${variable}: ${message}`);
        this.name = 'ConfigError';
        this.variable = variable;
    }
}
export class StoreError extends MullError {
    constructor(message, options) {
        super(ErrorCode.Store, message, options);
        this.name = 'StoreError';
    }
}
export class ImportError extends MullError {
    /** The file that could not be read, when one is to blame. */
    file;
    constructor(message, options) {
        super(ErrorCode.Import, options?.file ? `${options.file}: ${message}` : message, options);
        this.name = 'ImportError';
        this.file = options?.file;
    }
}
/** Errors from a model provider; `status` is the HTTP status where there was one. */
export class ProviderError extends MullError {
    status;
    provider;
    constructor(code, provider, message, options) {
        super(code, `${provider}: ${message}`, options);
        this.name = 'ProviderError';
        this.provider = provider;
        this.status = options?.status;
    }
}
export class RateLimitError extends ProviderError {
    /** How long the provider asked us to wait, when it said. @unit milliseconds */
    retryAfterMs;
    constructor(provider, message, options) {
        super(ErrorCode.ProviderRateLimited, provider, message, { ...options, status: 429 });
        this.name = 'RateLimitError';
        this.retryAfterMs = options?.retryAfterMs;
    }
}
export class InvalidModelOutputError extends MullError {
    constructor(message, options) {
        super(ErrorCode.InvalidModelOutput, message, options);
        this.name = 'InvalidModelOutputError';
    }
}
/** Wraps anything thrown into a MullError, keeping MullErrors as they are (bolt's asCodedError). */
export function asMullError(error, code = ErrorCode.BadInput) {
    if (error instanceof MullError)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    return new MullError(code, message, { cause: error });
}

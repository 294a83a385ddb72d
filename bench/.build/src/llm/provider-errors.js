import { ErrorCode, MullError, ProviderError, RateLimitError } from '../core/errors.js';
/**
 * Maps anything an SDK call threw onto Mull's error tree. The SDK has already retried 429/5xx
 * (honouring retry-after) by the time an error reaches us, so this only classifies the last one.
 * `secret` is the API key: scrubbed from every message, because servers (and fakes) may echo it.
 */
export function toProviderError(provider, error, sdk, secret) {
    if (error instanceof MullError)
        return error;
    const message = redact(error instanceof Error ? error.message : String(error), secret);
    const cause = safeCause(error, secret);
    if (error instanceof sdk.APIConnectionTimeoutError) {
        return new ProviderError(ErrorCode.ProviderTimeout, provider, `request timed out: ${message}`, { cause });
    }
    if (error instanceof sdk.APIUserAbortError) {
        return new ProviderError(ErrorCode.Provider, provider, 'request aborted by the caller', { cause });
    }
    if (!(error instanceof sdk.APIError)) {
        // Not an HTTP-level failure: a body that is not JSON, a broken SSE frame.
        return new ProviderError(ErrorCode.Provider, provider, `unexpected response: ${message}`, { cause });
    }
    if (error instanceof sdk.APIConnectionError) {
        // Refused, reset, DNS. The SDK retried it already.
        return new ProviderError(ErrorCode.ProviderUnavailable, provider, `connection failed: ${message}`, { cause });
    }
    const status = error.status;
    if (status === undefined) {
        // An `error` event inside a stream that had started (Anthropic sends `overloaded_error` so).
        return new ProviderError(ErrorCode.ProviderUnavailable, provider, `stream failed: ${message}`, { cause });
    }
    if (status === 429) {
        return new RateLimitError(provider, message, { cause, retryAfterMs: retryAfterMs(error.headers) });
    }
    return new ProviderError(codeForStatus(status), provider, message, { cause, status });
}
function codeForStatus(status) {
    if (status === 401 || status === 403)
        return ErrorCode.ProviderAuth;
    if (status === 408)
        return ErrorCode.ProviderTimeout;
    // 529 is Anthropic's "overloaded"; every 5xx means "try again later".
    if (status >= 500)
        return ErrorCode.ProviderUnavailable;
    // 404 is usually a model name the server does not know: the request is wrong, not the server.
    if (status === 400 || status === 404 || status === 413 || status === 422)
        return ErrorCode.ProviderBadRequest;
    return ErrorCode.Provider;
}
/**
 * How long the server asked us to wait. `retry-after-ms` (OpenAI, Anthropic) is milliseconds;
 * `retry-after` is seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when neither parses.
 * @unit milliseconds
 */
export function retryAfterMs(headers, now = Date.now()) {
    const ms = headers?.get('retry-after-ms');
    if (ms != null && ms.trim() !== '' && Number.isFinite(Number(ms)))
        return Math.max(0, Number(ms));
    const after = headers?.get('retry-after');
    if (after == null || after.trim() === '')
        return undefined;
    const seconds = Number(after);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const date = Date.parse(after);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
export function redact(text, secret) {
    return secret ? text.split(secret).join('[redacted]') : text;
}
/**
 * Keeps the SDK error as the cause (its status, headers and request id help debugging) unless the
 * key leaked into its message or body, in which case a scrubbed stand-in takes its place: loggers
 * print causes too.
 */
function safeCause(error, secret) {
    if (!secret || !(error instanceof Error))
        return error;
    const body = error.error;
    let text = error.message;
    try {
        text += JSON.stringify(body ?? null);
    }
    catch {
        // An unserialisable body cannot be printed by a logger either.
    }
    if (!text.includes(secret))
        return error;
    const standIn = new Error(redact(error.message, secret));
    standIn.name = error.name;
    return standIn;
}

import { retryAfterMs } from './provider-errors.js';
/**
 * A `fetch` for the SDKs that keeps them from waiting out a long retry-after on their own. Both
 * SDKs sleep for whatever `retry-after(-ms)` says before retrying a 429/5xx — openai-node 6 with
 * no upper bound, and without watching the caller's abort signal while it sleeps. A pass or an
 * answer parked for minutes inside one request is worse than a RateLimitError (with
 * retryAfterMs) that the scheduler can plan around. So when the wait exceeds `maxWaitMs` the
 * response is marked `x-should-retry: false`, the header both SDKs obey before any other rule.
 */
export function capRetryAfter(maxWaitMs, inner = fetch) {
    return async (input, init) => {
        const response = await inner(input, init);
        if (response.ok)
            return response;
        const wait = retryAfterMs(response.headers);
        if (wait === undefined || wait <= maxWaitMs)
            return response;
        const headers = new Headers(response.headers);
        headers.set('x-should-retry', 'false');
        return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    };
}

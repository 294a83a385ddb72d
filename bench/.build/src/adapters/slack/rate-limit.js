import { webApi } from '@slack/bolt';
import { ErrorCode, MullError } from '../../core/errors.js';
/** Consecutive 429s on one call before giving up on it (the run resumes from its cursor later). */
const MAX_RATE_LIMIT_WAITS = 20;
/**
 * Runs a Web API call made with `rejectRateLimitedCalls: true`, waiting out each 429 for exactly
 * the `Retry-After` Slack sent and trying again. Used by backfill: its waits can be a minute long
 * (conversations.history is 1 request/minute for some apps), and letting the WebClient wait
 * instead would pause that client's whole queue; here only the backfill waits, and `signal` ends
 * the wait at shutdown.
 * @see https://docs.slack.dev/apis/web-api/rate-limits
 */
export async function withRetryAfter(call, context) {
    for (let waits = 0;; waits += 1) {
        try {
            return await call();
        }
        catch (error) {
            const retryAfter = rateLimitedFor(error);
            if (retryAfter === undefined || waits >= MAX_RATE_LIMIT_WAITS)
                throw error;
            context.logger.info({ method: context.method, channel: context.channel, retryAfterS: retryAfter }, 'slack rate limited; waiting as Retry-After asks');
            await sleep(retryAfter * 1000, context.signal);
        }
    }
}
/** Seconds to wait when `error` is a WebClient 429, else undefined. */
export function rateLimitedFor(error) {
    if (error instanceof Error && error.code === webApi.ErrorCode.RateLimitedError) {
        return error.retryAfter;
    }
    return undefined;
}
/** A timer that `signal` cuts short (rejecting, so the caller stops where it is). */
export function sleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(stopped());
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(stopped());
        };
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
function stopped() {
    return new MullError(ErrorCode.Adapter, 'slack: stopped');
}

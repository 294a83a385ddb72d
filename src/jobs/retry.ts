/**
 * Which failed passes are worth running again, and when. A pass reports its own failure (it
 * records a `failed` pass and keeps the learned context it had), so the provider error behind
 * it is caught on the way out of the provider and handed to the queue, which retries provider
 * 429s and 5xx with backoff, waiting at least the `retry-after` the provider sent.
 */
import type { PassReport } from '../core/engine.js';
import { ErrorCode, MullError, ProviderError, RateLimitError } from '../core/errors.js';
import type { LlmProvider } from '../llm/provider.js';

export const DefaultRetryOptions = {
  /** Tries per pass, the first included (`MULL_PASS_ATTEMPTS`). */
  attempts: 4,
  /** First backoff; doubles per retry. @unit milliseconds */
  baseDelayMs: 5_000,
  /** Longest backoff, whatever retry-after says. @unit milliseconds */
  maxDelayMs: 15 * 60_000,
} as const satisfies Record<string, number>;

const RETRYABLE: ReadonlySet<string> = new Set([
  ErrorCode.ProviderRateLimited,
  ErrorCode.ProviderUnavailable,
  ErrorCode.ProviderTimeout,
]);

/** True for provider failures that another try may get past (429, 5xx, timeouts, resets). */
export function isRetryable(error: unknown): error is ProviderError {
  return error instanceof ProviderError && RETRYABLE.has(error.code);
}

/** A pass failed on a provider error worth retrying; `report` is what the pass itself said. */
export class RetryablePassError extends MullError {
  readonly report: PassReport;
  /** The provider's `retry-after`, when it sent one. @unit milliseconds */
  readonly retryAfterMs?: number;
  constructor(report: PassReport, cause: ProviderError) {
    super(ErrorCode.PassFailed, report.reason ?? cause.message, { cause });
    this.name = 'RetryablePassError';
    this.report = report;
    this.retryAfterMs = cause instanceof RateLimitError ? cause.retryAfterMs : undefined;
  }
}

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential from
 * `baseDelayMs`, never shorter than the provider's retry-after, never longer than `maxDelayMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: { baseDelayMs: number; maxDelayMs: number } = DefaultRetryOptions,
): number {
  const backoff = options.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(options.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0));
}

/**
 * The provider as a pass sees it, remembering the last error a call threw, so a `failed` report
 * can be traced back to a 429 or a 5xx without the pass having to rethrow it.
 */
export function watchProvider(provider: LlmProvider): { provider: LlmProvider; lastError: () => unknown } {
  let last: unknown;
  const remember = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      last = error;
      throw error;
    });
  const watched: LlmProvider = {
    name: provider.name,
    complete: (request) => remember(provider.complete(request)),
    stream: (request) => provider.stream(request),
    ...(provider.embed ? { embed: (texts: string[]) => remember(provider.embed!(texts)) } : {}),
  };
  return { provider: watched, lastError: () => last };
}

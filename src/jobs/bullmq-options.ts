/**
 * Options of the BullMQ queue, defaults as data. Every value comes from src/config.ts
 * (`MULL_REDIS_URL`, `MULL_ROLE`, `MULL_WORKER_CONCURRENCY`, ...), documented there too.
 */
import { DefaultRetryOptions } from './retry.js';

export interface BullmqQueueOptions {
  /** `MULL_REDIS_URL`: the Redis the queue (and coordination) lives in. */
  redisUrl: string;
  /** Key prefix of every key the queue writes (BullMQ's `prefix`). Defaults to `mull`. */
  prefix?: string;
  /** Runs a worker in this process (roles `worker` and `all`); false: only enqueue (role `bot`). */
  runWorker: boolean;
  /** Passes one worker process runs at once (`MULL_WORKER_CONCURRENCY`). */
  concurrency?: number;
  /** Passes of one workspace running at once across all workers (`MULL_WORKSPACE_CONCURRENCY`). */
  workspaceConcurrency?: number;
  /** Tries per pass for provider 429 / 5xx, the first included (`MULL_PASS_ATTEMPTS`). */
  attempts?: number;
  /** First retry backoff, doubled per retry. @unit milliseconds */
  retryBaseDelayMs?: number;
  /**
   * How long a worker's claim on a running job lasts without renewal (BullMQ `lockDuration`); a
   * worker killed mid-pass has its job taken over by another after about this long
   * (`MULL_JOB_LOCK_MS`). @unit milliseconds
   */
  lockDurationMs?: number;
  nightlyCron: string;
  timezone: string;
  /** @unit milliseconds */
  quietMs: number;
  /** Sleep tokens per day; null: unlimited. */
  dailyTokenBudget: number | null;
  /** Tokens a pass reserves before it starts, and per further chunk (`MULL_PASS_TOKEN_RESERVE`). */
  passTokenReserve?: number;
  /** How long `rethink` waits for the report before answering that the pass is queued. @unit ms */
  resultTimeoutMs?: number;
}

export const DefaultBullmqOptions = {
  prefix: 'mull',
  queueName: 'sleep-passes',
  concurrency: 4,
  workspaceConcurrency: 2,
  attempts: DefaultRetryOptions.attempts,
  retryBaseDelayMs: DefaultRetryOptions.baseDelayMs,
  retryMaxDelayMs: DefaultRetryOptions.maxDelayMs,
  lockDurationMs: 30_000,
  passTokenReserve: 20_000,
  resultTimeoutMs: 15 * 60_000,
  /** A workspace at its limit: look again after this long. @unit milliseconds */
  workspaceRetryMs: 500,
  /** Finished jobs kept for figures and inspection. */
  keepFinished: 1_000,
  /** The nightly job scheduler's id: the same in every process, so there is one. */
  nightlySchedulerId: 'mull-nightly',
} as const satisfies Record<string, string | number>;

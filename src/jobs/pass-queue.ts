/**
 * The seam between the engine and whatever runs sleep passes: in this process (the single-machine
 * default, src/jobs/in-process-queue.ts) or as BullMQ jobs on Redis shared by many processes
 * (src/jobs/bullmq-queue.ts). The engine only triggers passes and reads figures; which process
 * runs a pass, and when, is the queue's business.
 */
import type { PassReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { Logger } from '../core/logger.js';
import type { NightlyRun } from '../sleep/nightly.js';
import type { PassRequest } from '../sleep/single-flight.js';

/** Hooks the queue hands a pass it runs. */
export interface PassHooks {
  /**
   * Asked before each model call; false stops the pass (budget spent or its reservation used up).
   * Defaults to the engine's own daily-budget check.
   */
  mayContinue?: () => Promise<boolean>;
}

/** What a queue needs from the engine: the pass itself and the list the nightly sweep walks. */
export interface PassQueueDeps {
  /**
   * S(c) -> c' for one channel. Returns a report (ok / failed / skipped); throws only for a
   * failure worth retrying (a provider 429 or 5xx: see RetryablePassError).
   */
  runPass: (channel: ChannelKey, request: PassRequest, hooks?: PassHooks) => Promise<PassReport>;
  /** Channels with messages newer than their last pass. */
  listChannelsNeedingPass: () => Promise<ChannelKey[]>;
  /** Sleep-time tokens recorded since a time (the ledger). */
  sleepTokensSince: (dayStartMs: number) => Promise<number>;
  logger: Logger;
}

/** Queue figures for `/healthz` and `mull stats`. */
export interface QueueFigures {
  /** `in-process` or `bullmq`. */
  kind: 'in-process' | 'bullmq';
  /** Passes ready to start, waiting for a free worker. */
  waiting: number;
  /** Jobs due later: retries in backoff, quiet-period timers, the next nightly sweep. */
  delayed: number;
  /** Passes running now (in this process for in-process; anywhere for bullmq). */
  active: number;
  /** Passes that failed for good (bullmq keeps the most recent ones). */
  failed: number;
  /** Passes finished (bullmq keeps the most recent ones). */
  completed: number;
}

/**
 * How passes are triggered. Every method but `figures` and `stop` never rejects: a pass that
 * could not run comes back as a `skipped` or `failed` report.
 */
export interface PassQueue {
  /** A message (or edit) arrived in a channel: restart its quiet period. @unit epoch ms */
  onActivity(channel: ChannelKey, atMs?: number): void;
  /** A pass now: joins or queues behind a running one; still budget-capped. */
  rethink(channel: ChannelKey, topic?: string): Promise<PassReport>;
  /** The nightly sweep now. */
  runNightlyNow(): Promise<NightlyRun>;
  figures(): Promise<QueueFigures>;
  /** Stops timers and workers; resolves once passes running in this process have finished. */
  stop(): Promise<void>;
}

/** Builds the queue for an engine; the composition root (src/main.ts) picks one. */
export type PassQueueFactory = (deps: PassQueueDeps) => PassQueue;

/** `slack:T1` for `slack:T1:C1`: the unit the per-workspace concurrency limit counts. */
export function workspaceOf(channel: ChannelKey): string {
  const parts = channel.split(':');
  return parts.length >= 2 ? `${parts[0]}:${parts[1]}` : channel;
}

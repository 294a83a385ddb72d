/**
 * Per-channel single flight for sleep passes.
 *
 * Two passes over one channel at once would read the same new messages, pay for them twice and
 * race to commit `c'` (the store's optimistic `expectedVersion` would reject one, after its tokens
 * were spent). So per channel at most one pass runs in this process, and a trigger that arrives
 * while it runs queues exactly one follow-up: the running pass may already have read past the
 * point where the new messages landed, so joining it would miss them, but one follow-up sees
 * everything that arrived during the pass, however many triggers there were.
 */
import type { PassReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Store } from '../store/store.js';
import { SkipReason, skippedReport } from './pass-outcomes.js';

/** What started a pass. */
export type PassReason = 'nightly' | 'quiet' | 'rethink';

export interface PassRequest {
  reason: PassReason;
  /** What a person asked the pass to think about (`/rethink <topic>`). */
  topic?: string;
}

export type PassFn<R> = (channel: ChannelKey, request: PassRequest) => Promise<R>;

/** The two Store methods the queue uses (src/store/store.ts); any Store is a PassLock. */
export type PassLock = Pick<Store, 'acquireLock' | 'releaseLock'>;

export interface PassQueueOptions<R> {
  /**
   * A lock shared by every instance on the same store, so two instances never pass the same
   * channel at once. When it is held elsewhere the pass is not run and callers get a skipped
   * result with reason `busy`. Defaults to none (single-process deployments, SQLite).
   */
  lock?: PassLock;
  /**
   * How long the lock lives if this process dies mid-pass. It is not renewed, so it must outlast
   * the longest pass; if a pass overruns it, the store's optimistic commit still stops the second
   * writer. Defaults to 30 minutes. @unit milliseconds
   */
  lockTtlMs?: number;
  logger?: Logger;
  /** Builds the result for a pass that was not run. Defaults to a skipped PassReport. */
  skipped?: (channel: ChannelKey, reason: SkipReason) => R;
}

export const DefaultPassQueueOptions = {
  lockTtlMs: 30 * 60_000,
  /** Topics beyond this are dropped from a follow-up: each one lengthens the sleep prompt. */
  maxTopics: 8,
} as const;

/** The lock key for a channel's pass; ids carry their platform, so keys never collide. */
export function passLockKey(channel: ChannelKey): string {
  return `mull:pass:${channel}`;
}

/**
 * The request a follow-up runs with, given what it had and a trigger that joined it. A person
 * waiting on `/rethink` outranks the quiet timer, which outranks the nightly sweep, so the merged
 * reason is the most urgent one; topics are all kept (deduplicated, in the order asked) because
 * each came from someone who is waiting for the answer.
 */
export function mergeRequests(current: PassRequest, joining: PassRequest): PassRequest {
  const reason = URGENCY[joining.reason] > URGENCY[current.reason] ? joining.reason : current.reason;
  const topics = mergeTopics(splitTopics(current.topic), splitTopics(joining.topic));
  return topics.length > 0 ? { reason, topic: topics.join(TOPIC_SEPARATOR) } : { reason };
}

const URGENCY: Record<PassReason, number> = { nightly: 0, quiet: 1, rethink: 2 };
const TOPIC_SEPARATOR = '; ';

function splitTopics(topic: string | undefined): string[] {
  return (topic ?? '').split(TOPIC_SEPARATOR).map((t) => t.trim()).filter((t) => t.length > 0);
}

function mergeTopics(current: string[], joining: string[]): string[] {
  const seen = new Set(current.map((t) => t.toLowerCase()));
  const merged = [...current];
  for (const topic of joining) {
    if (merged.length >= DefaultPassQueueOptions.maxTopics) break;
    if (seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    merged.push(topic);
  }
  return merged;
}

interface FollowUp<R> {
  request: PassRequest;
  promise: Promise<R>;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

interface Lane<R> {
  /** The pass running now. */
  current: Promise<R>;
  /** The one pass queued behind it, shared by every trigger that arrived meanwhile. */
  next?: FollowUp<R>;
}

/**
 * The constructor's options are optional for PassReport-shaped results; any other result type has
 * to say how to build its "not run" value, because the default is a PassReport.
 */
type QueueOptionsArg<R> = [PassReport] extends [R]
  ? [options?: PassQueueOptions<R>]
  : [options: PassQueueOptions<R> & { skipped: NonNullable<PassQueueOptions<R>['skipped']> }];

/**
 * Runs passes one at a time per channel, with at most one queued behind the running one.
 * Different channels run in parallel: the queue bounds duplication, not throughput.
 */
export class PassQueue<R = PassReport> {
  readonly #runPass: PassFn<R>;
  readonly #lock: PassLock | undefined;
  readonly #lockTtlMs: number;
  readonly #logger: Logger;
  readonly #skipped: (channel: ChannelKey, reason: SkipReason) => R;
  readonly #lanes = new Map<ChannelKey, Lane<R>>();

  constructor(runPass: PassFn<R>, ...[options]: QueueOptionsArg<R>) {
    const opts: PassQueueOptions<R> = options ?? {};
    this.#runPass = runPass;
    this.#lock = opts.lock;
    this.#lockTtlMs = opts.lockTtlMs ?? DefaultPassQueueOptions.lockTtlMs;
    this.#logger = opts.logger ?? silentLogger;
    // Sound: QueueOptionsArg makes `skipped` required unless a PassReport is assignable to R.
    this.#skipped = opts.skipped ?? (skippedReport as unknown as (channel: ChannelKey, reason: SkipReason) => R);
  }

  /**
   * Runs a pass for the channel now, or queues one behind the running pass, or joins the one
   * already queued (merging its request). Resolves with the result of the pass that served this
   * trigger; rejects if that pass (or taking the lock) threw.
   */
  run(channel: ChannelKey, request: PassRequest): Promise<R> {
    const lane = this.#lanes.get(channel);
    if (!lane) return this.#startLane(channel, request);
    if (lane.next) {
      lane.next.request = mergeRequests(lane.next.request, request);
      this.#logger.debug({ channel, reason: request.reason }, 'sleep pass: trigger joined the queued follow-up');
      return lane.next.promise;
    }
    lane.next = deferred(request);
    this.#logger.debug({ channel, reason: request.reason }, 'sleep pass: follow-up queued behind the running pass');
    return lane.next.promise;
  }

  /** True while a pass for the channel runs (or waits for its lock) in this process. */
  isRunning(channel: ChannelKey): boolean {
    return this.#lanes.has(channel);
  }

  /** Resolves once no pass runs or is queued, for a graceful shutdown. Never rejects. */
  async idle(): Promise<void> {
    // A settling pass can start its follow-up, so look again until every lane has drained.
    while (this.#lanes.size > 0) {
      const pending = [...this.#lanes.values()].flatMap((lane) => [lane.current, lane.next?.promise ?? lane.current]);
      await Promise.allSettled(pending);
    }
  }

  #startLane(channel: ChannelKey, request: PassRequest): Promise<R> {
    const lane: Lane<R> = { current: this.#execute(channel, request) };
    this.#lanes.set(channel, lane);
    const afterSettle = (): void => {
      const next = lane.next;
      // Synchronous from here on, so no trigger can slip in between the check and the delete.
      if (!next) {
        this.#lanes.delete(channel);
        return;
      }
      lane.next = undefined;
      lane.current = this.#execute(channel, next.request);
      lane.current.then(next.resolve, next.reject);
      lane.current.then(afterSettle, afterSettle);
    };
    lane.current.then(afterSettle, afterSettle);
    return lane.current;
  }

  async #execute(channel: ChannelKey, request: PassRequest): Promise<R> {
    const lock = this.#lock;
    if (!lock) return this.#runPass(channel, request);
    const key = passLockKey(channel);
    // If the store cannot be reached this throws: running without the lock could double-spend.
    const token = await lock.acquireLock(key, this.#lockTtlMs);
    if (token === null) {
      this.#logger.info({ channel, reason: request.reason }, 'sleep pass: skipped, another instance holds the lock');
      return this.#skipped(channel, SkipReason.Busy);
    }
    try {
      return await this.#runPass(channel, request);
    } finally {
      try {
        await lock.releaseLock(key, token);
      } catch (error) {
        // The pass itself is done; the lock expires on its own after lockTtlMs.
        this.#logger.warn({ channel, err: error }, 'sleep pass: could not release the lock');
      }
    }
  }
}

function deferred<R>(request: PassRequest): FollowUp<R> {
  let resolve!: (result: R) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<R>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { request, promise, resolve, reject };
}

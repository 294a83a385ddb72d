/**
 * Sleep passes as BullMQ jobs on a Redis shared by every process of a deployment:
 * - a trigger (`/rethink`, a quiet period, the nightly sweep) pushes its request beside the queue
 *   (pass-requests.ts) and adds a `pass` job deduplicated per channel with `keepLastIfActive`:
 *   at most one job of a channel runs and one waits, and triggers arriving meanwhile fold into
 *   the waiting one;
 * - the quiet period is a debounced delayed `quiet` job (deduplication with ttl + extend +
 *   replace): each activity pushes it back, and it fires once the channel has been silent;
 * - the nightly sweep is one job scheduler (`upsertJobScheduler`, same id everywhere), so it
 *   fires once however many processes run;
 * - workers (roles `worker` and `all`) run the jobs: see pass-worker.ts.
 * @see https://docs.bullmq.io/guide/jobs/deduplication
 * @see https://docs.bullmq.io/guide/job-schedulers
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { PassReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { NightlyRun } from '../sleep/nightly.js';
import { failedReport, skippedReport, SkipReason } from '../sleep/pass-outcomes.js';
import { SharedBudget } from './budget.js';
import { DefaultBullmqOptions, type BullmqQueueOptions } from './bullmq-options.js';
import type { PassQueue, PassQueueDeps, QueueFigures } from './pass-queue.js';
import { PassRequests, type TicketedRequest } from './pass-requests.js';
import { startPassWorker, type PassJobResult } from './pass-worker.js';
import { WorkspaceSlots } from './workspace-slots.js';

export type { BullmqQueueOptions } from './bullmq-options.js';

export interface BullmqPassQueue extends PassQueue {
  /** Resolves once the queue (and the worker, if any) is connected and the schedule is set. */
  ready(): Promise<void>;
}

export function createBullmqQueue(deps: PassQueueDeps, options: BullmqQueueOptions): BullmqPassQueue {
  const prefix = options.prefix ?? DefaultBullmqOptions.prefix;
  const name = DefaultBullmqOptions.queueName;
  const attempts = options.attempts ?? DefaultBullmqOptions.attempts;
  const { logger } = deps;
  // BullMQ's blocking connections must never give up a command (`maxRetriesPerRequest: null`);
  // our own commands (requests, slots, budget) should fail fast instead.
  const bullConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  for (const client of [bullConnection, redis]) client.on('error', (error) => logger.warn({ err: error.message }, 'redis connection error'));
  const queue = new Queue(name, { connection: bullConnection, prefix });
  queue.on('error', (error) => logger.error({ err: error }, 'pass queue error'));
  const requests = new PassRequests(redis, prefix);
  const lockMs = options.lockDurationMs ?? DefaultBullmqOptions.lockDurationMs;
  const budget = new SharedBudget({ redis, prefix, limit: options.dailyTokenBudget, timezone: options.timezone, sleepTokensSince: deps.sleepTokensSince });
  const keep = { count: DefaultBullmqOptions.keepFinished };
  let events: QueueEvents | undefined;
  let eventsConnection: Redis | undefined;
  let eventsReady: Promise<void> | undefined;
  const waiting = new Map<string, (result: PassReport) => void>();
  let stopped = false;

  /** Adds (or folds) a pass job for a channel whose request is already pushed. */
  const addPassJob = async (channel: ChannelKey, ticket: string) => {
    await queue.add('pass', { channel }, {
      jobId: ticket,
      deduplication: { id: `pass:${channel}`, keepLastIfActive: true },
      attempts,
      backoff: { type: 'provider' },
      removeOnComplete: keep,
      removeOnFail: keep,
    });
  };
  const enqueue = async (channel: ChannelKey, request: TicketedRequest) => {
    await requests.push(channel, request);
    await addPassJob(channel, request.ticket);
  };

  /** QueueEvents is opened on first wait: bots that never wait for a report need no stream reader. */
  const listen = (): Promise<void> => {
    eventsReady ??= (async () => {
      eventsConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
      events = new QueueEvents(name, { connection: eventsConnection, prefix });
      events.on('error', (error) => logger.warn({ err: error }, 'pass queue events error'));
      events.on('completed', ({ returnvalue }) => {
        const result = (typeof returnvalue === 'string' ? safeJson(returnvalue) : returnvalue) as PassJobResult | undefined;
        for (const ticket of result?.tickets ?? []) {
          waiting.get(ticket)?.(result!.report);
          waiting.delete(ticket);
        }
      });
      events.on('failed', ({ jobId, failedReason }) => void answerFailed(jobId, failedReason));
      await events.waitUntilReady();
    })();
    return eventsReady;
  };
  /** A job that failed for good (stalled too often; a thrown pass never gets here on its last try). */
  const answerFailed = async (jobId: string, reason: string) => {
    const job = await queue.getJob(jobId).catch(() => undefined);
    if (!job || !(await job.isFailed())) return;
    for (const request of (job.data.requests ?? []) as TicketedRequest[]) {
      waiting.get(request.ticket)?.(failedReport(job.data.channel, reason, 0));
      waiting.delete(request.ticket);
    }
  };

  const trigger = async (channel: ChannelKey, request: Omit<TicketedRequest, 'ticket'>): Promise<PassReport> => {
    if (stopped) return skippedReport(channel, SkipReason.Stopped);
    const ticket = randomUUID();
    try {
      await listen();
      const result = new Promise<PassReport>((resolve) => {
        waiting.set(ticket, resolve);
        const timer = setTimeout(() => {
          if (waiting.delete(ticket)) resolve({ ...skippedReport(channel, SkipReason.Busy), reason: 'queued: no worker has run it yet' });
        }, options.resultTimeoutMs ?? DefaultBullmqOptions.resultTimeoutMs);
        timer.unref();
      });
      await enqueue(channel, { ...request, ticket });
      return await result;
    } catch (error) {
      waiting.delete(ticket);
      logger.error({ channel, err: error }, 'sleep pass not queued: Redis unavailable');
      return failedReport(channel, `queue unavailable: ${error instanceof Error ? error.message : String(error)}`, 0);
    }
  };

  // The quiet period: each activity pushes the delayed job back (debounce). A burst of messages
  // would be one Redis call each; pushing back at most every tenth of the period keeps it to a
  // handful, at the cost of firing up to 10% early, which no one can tell from 20 minutes.
  const lastQuietAdd = new Map<ChannelKey, number>();
  const onActivity = (channel: ChannelKey): void => {
    if (stopped) return;
    const now = Date.now();
    if (now - (lastQuietAdd.get(channel) ?? 0) < options.quietMs / 10) return;
    lastQuietAdd.set(channel, now);
    queue
      .add('quiet', { channel }, {
        delay: options.quietMs,
        deduplication: { id: `quiet:${channel}`, ttl: options.quietMs, extend: true, replace: true },
        removeOnComplete: true,
        removeOnFail: keep,
      })
      .catch((error: unknown) => logger.warn({ channel, err: error }, 'quiet period not armed: Redis unavailable'));
  };

  let worker: Worker | undefined;
  const startup = (async () => {
    if (!options.runWorker) return;
    const slots = new WorkspaceSlots(redis, prefix, options.workspaceConcurrency ?? DefaultBullmqOptions.workspaceConcurrency, lockMs * 2);
    worker = startPassWorker(name, bullConnection, { prefix, concurrency: options.concurrency ?? DefaultBullmqOptions.concurrency, lockDurationMs: lockMs }, {
      deps, requests, slots, budget, enqueue, attempts,
      retryBaseDelayMs: options.retryBaseDelayMs ?? DefaultBullmqOptions.retryBaseDelayMs,
      passTokenReserve: options.passTokenReserve ?? DefaultBullmqOptions.passTokenReserve,
    });
    // The same scheduler id from every worker: BullMQ keeps one, so the sweep fires once.
    try {
      await queue.upsertJobScheduler(
        DefaultBullmqOptions.nightlySchedulerId,
        { pattern: options.nightlyCron, tz: options.timezone },
        { name: 'nightly', data: {}, opts: { removeOnComplete: keep, removeOnFail: keep } },
      );
    } catch (error) {
      // Workers starting together race to add the same next firing; the loser's copy is the
      // winner's (found with four processes started at once). Anything else is real.
      if (!(error instanceof Error && /job ID already exists/.test(error.message))) throw error;
      logger.debug('nightly schedule: another worker set this firing up first');
    }
    await worker.waitUntilReady();
    logger.info({ concurrency: options.concurrency, cron: options.nightlyCron }, 'pass worker started');
  })();
  startup.catch((error: unknown) => logger.error({ err: error }, 'pass worker did not start'));

  return {
    ready: async () => {
      await startup;
      await queue.waitUntilReady();
    },
    onActivity,
    rethink(channel, topic) {
      const trimmed = topic?.trim();
      return trigger(channel, trimmed ? { reason: 'rethink', topic: trimmed } : { reason: 'rethink' });
    },
    async runNightlyNow(): Promise<NightlyRun> {
      const startedAt = Date.now();
      let channels: ChannelKey[];
      try {
        channels = [...new Set(await deps.listChannelsNeedingPass())];
      } catch (error) {
        return { startedAt, finishedAt: Date.now(), reports: [], error: `could not list channels: ${String(error)}` };
      }
      const reports = await Promise.all(channels.map((channel) => trigger(channel, { reason: 'nightly' })));
      return { startedAt, finishedAt: Date.now(), reports };
    },
    async figures(): Promise<QueueFigures> {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'failed', 'completed');
      return {
        kind: 'bullmq',
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      };
    },
    async stop() {
      stopped = true;
      await startup.catch(() => undefined);
      // Worker.close() waits for running passes: a pass commits c' at its end, and cutting it
      // off would waste what it spent (a killed worker's job is retried elsewhere instead).
      await worker?.close();
      for (const resolve of waiting.values()) resolve(skippedReport('' as ChannelKey, SkipReason.Stopped));
      waiting.clear();
      await events?.close();
      eventsConnection?.disconnect();
      await queue.close();
      bullConnection.disconnect();
      redis.disconnect();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

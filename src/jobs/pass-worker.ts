/**
 * The BullMQ processor: one job kind per trigger (`pass`, `quiet`, `nightly`). A `pass` job takes
 * every request waiting for its channel, a workspace slot and a budget reservation, runs the pass,
 * and returns the report with the tickets it served. Provider 429 / 5xx are thrown back to BullMQ
 * (which retries with the backoff below); on the last try the failed report is returned instead,
 * so the pass is recorded as failed with its reason and the waiting callers hear it.
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PassReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { failedReport, SkipReason, skippedReport } from '../sleep/pass-outcomes.js';
import type { SharedBudget } from './budget.js';
import { DefaultBullmqOptions } from './bullmq-options.js';
import type { PassQueueDeps } from './pass-queue.js';
import { mergeAll, type PassRequests, type TicketedRequest } from './pass-requests.js';
import { RetryablePassError, retryDelayMs } from './retry.js';
import { workspaceOf } from './pass-queue.js';
import type { WorkspaceSlots } from './workspace-slots.js';

export interface PassJobData {
  channel: ChannelKey;
  /** Requests taken by an earlier try of this job (kept for its retries). */
  requests?: TicketedRequest[];
}

export interface PassJobResult {
  report: PassReport;
  tickets: string[];
}

export interface PassWorkerParts {
  deps: PassQueueDeps;
  requests: PassRequests;
  slots: WorkspaceSlots;
  budget: SharedBudget;
  /** Enqueues a pass for a channel (the quiet and nightly jobs' whole work). */
  enqueue: (channel: ChannelKey, request: TicketedRequest) => Promise<void>;
  attempts: number;
  retryBaseDelayMs: number;
  passTokenReserve: number;
}

export function startPassWorker(
  queueName: string,
  connection: Redis,
  options: { prefix: string; concurrency: number; lockDurationMs: number },
  parts: PassWorkerParts,
): Worker {
  const { deps } = parts;
  const worker = new Worker(
    queueName,
    async (job: Job, token?: string) => {
      // Tickets become job ids, which BullMQ does not allow to contain ':' (channel keys do).
      if (job.name === 'quiet') return parts.enqueue(job.data.channel, { ticket: randomUUID(), reason: 'quiet' });
      if (job.name === 'nightly') {
        const channels = await deps.listChannelsNeedingPass();
        for (const channel of new Set(channels)) await parts.enqueue(channel, { ticket: randomUUID(), reason: 'nightly' });
        deps.logger.info({ channels: channels.length }, 'nightly sleep passes queued');
        return { channels: channels.length };
      }
      return runPassJob(job as Job<PassJobData>, token, parts);
    },
    {
      connection,
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: options.lockDurationMs,
      // Stalled jobs (a worker killed mid-pass) are looked for as often as a lock lapses.
      stalledInterval: options.lockDurationMs,
      maxStalledCount: 2,
      settings: {
        backoffStrategy: (attemptsMade, _type, error) =>
          retryDelayMs(attemptsMade, error instanceof RetryablePassError ? error.retryAfterMs : undefined, {
            baseDelayMs: parts.retryBaseDelayMs,
            maxDelayMs: DefaultBullmqOptions.retryMaxDelayMs,
          }),
      },
    },
  );
  worker.on('error', (error) => deps.logger.error({ err: error }, 'pass worker error'));
  worker.on('failed', (job, error) => deps.logger.warn({ job: job?.name, channel: job?.data?.channel, err: error.message }, 'pass job failed'));
  return worker;
}

async function runPassJob(job: Job<PassJobData>, token: string | undefined, parts: PassWorkerParts): Promise<PassJobResult> {
  const { channel } = job.data;
  const jobId = job.id!;
  const workspace = workspaceOf(channel);
  if (!(await parts.slots.claim(workspace, jobId))) {
    // The workspace is at its limit: come back shortly, without spending a try.
    await job.moveToDelayed(Date.now() + DefaultBullmqOptions.workspaceRetryMs, token);
    throw new DelayedError();
  }
  const stopHolding = parts.slots.hold(workspace, jobId);
  try {
    const drained = await parts.requests.drain(channel);
    const requests = [...(job.data.requests ?? []), ...drained];
    // Saved before anything is spent, so a retry after a crash still serves these tickets.
    if (drained.length > 0) await job.updateData({ ...job.data, requests });
    const tickets = requests.map((r) => r.ticket);
    const request = mergeAll(requests);
    if (!request) {
      // Every trigger that led here was served by the pass before (it took the list first).
      return { report: { ...skippedReport(channel, SkipReason.Stopped), reason: 'nothing new since the last pass' }, tickets };
    }
    return { report: await reservedPass(job, channel, request, parts), tickets };
  } finally {
    stopHolding();
    await parts.slots.release(workspace, jobId).catch(() => undefined);
  }
}

async function reservedPass(
  job: Job<PassJobData>,
  channel: ChannelKey,
  request: NonNullable<ReturnType<typeof mergeAll>>,
  parts: PassWorkerParts,
): Promise<PassReport> {
  const { deps } = parts;
  const reservation = await parts.budget.reserve(`${job.id}:${job.attemptsStarted}`, parts.passTokenReserve);
  if (!reservation.granted) {
    deps.logger.warn({ channel, reason: request.reason }, 'sleep pass skipped: daily token budget spent');
    return skippedReport(channel, SkipReason.BudgetSpent);
  }
  let spent = 0;
  let firstCall = true;
  // The first model call runs on the reservation taken above; each later chunk takes more.
  const mayContinue = async () => (firstCall ? !(firstCall = false) : reservation.extend(parts.passTokenReserve));
  const started = Date.now();
  try {
    const report = await deps.runPass(channel, request, { mayContinue });
    spent = report.tokens;
    deps.logger.info({ channel, trigger: request.reason, status: report.status, tokens: report.tokens, attempt: job.attemptsMade + 1 }, 'sleep pass finished');
    return report;
  } catch (error) {
    if (error instanceof RetryablePassError) {
      spent = error.report.tokens;
      if (job.attemptsMade + 1 < parts.attempts) {
        deps.logger.warn({ channel, attempt: job.attemptsMade + 1, err: error.message }, 'sleep pass failed on the provider; will retry');
        throw error;
      }
      deps.logger.error({ channel, attempts: job.attemptsMade + 1, err: error.message }, 'sleep pass failed after its last retry');
      return error.report;
    }
    deps.logger.error({ channel, err: error }, 'sleep pass failed');
    return failedReport(channel, error instanceof Error ? error.message : String(error), Date.now() - started);
  } finally {
    await reservation.settle(spent).catch((error: unknown) => deps.logger.warn({ err: error }, 'could not settle the budget reservation'));
  }
}

/**
 * The BullMQ pass queue against the real Redis: two queues with workers in this process stand
 * for two worker processes (the real-process tests are in test/jobs/processes.test.ts). Each test
 * has its own key prefix and deletes its keys afterwards.
 */
import { afterEach, expect, it } from 'vitest';
import type { PassReport } from '../../src/core/engine.js';
import { RateLimitError, ProviderError, ErrorCode } from '../../src/core/errors.js';
import type { ChannelKey } from '../../src/core/ids.js';
import { silentLogger } from '../../src/core/logger.js';
import { createBullmqQueue, type BullmqPassQueue, type BullmqQueueOptions } from '../../src/jobs/bullmq-queue.js';
import type { PassHooks, PassQueueDeps } from '../../src/jobs/pass-queue.js';
import { RetryablePassError } from '../../src/jobs/retry.js';
import type { PassRequest } from '../../src/sleep/single-flight.js';
import { describeService } from '../store/services.js';
import { countKeys, deleteKeys, REDIS_URL, redisUnreachable, testPrefix } from './redis-helpers.js';

interface Call {
  channel: ChannelKey;
  request: PassRequest;
  startedAt: number;
  finishedAt?: number;
  worker: number;
}

/** A pass that takes `ms`, records its calls and the most that ever ran at once. */
function recorder(options: { ms?: number; tokens?: number; behave?: (call: Call, index: number) => void } = {}) {
  const calls: Call[] = [];
  const running = new Map<string, number>();
  let now = 0;
  let max = 0;
  const maxPer = new Map<string, number>();
  const bump = (key: string, by: number) => {
    running.set(key, (running.get(key) ?? 0) + by);
    maxPer.set(key, Math.max(maxPer.get(key) ?? 0, running.get(key)!));
  };
  const runPass = (worker: number) => async (channel: ChannelKey, request: PassRequest, hooks?: PassHooks): Promise<PassReport> => {
    const call: Call = { channel, request, startedAt: Date.now(), worker };
    const index = calls.push(call) - 1;
    bump(channel, 1);
    bump(channel.split(':').slice(0, 2).join(':'), 1);
    max = Math.max(max, ++now);
    try {
      await hooks?.mayContinue?.();
      await new Promise((resolve) => setTimeout(resolve, options.ms ?? 300));
      options.behave?.(call, index);
      return { channel, status: 'ok', newNotes: 1, changedNotes: 0, droppedNotes: 0, anticipated: 1, messagesRead: 1, tokens: options.tokens ?? 100, durationMs: 0, highlights: [`pass ${index + 1}`] };
    } finally {
      call.finishedAt = Date.now();
      bump(channel, -1);
      bump(channel.split(':').slice(0, 2).join(':'), -1);
      now--;
    }
  };
  return { calls, runPass, maxConcurrent: () => max, maxFor: (key: string) => maxPer.get(key) ?? 0 };
}

let prefix = '';
const queues: BullmqPassQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
  if (prefix) await deleteKeys(prefix);
  prefix = '';
});

async function open(
  deps: Partial<PassQueueDeps> & Pick<PassQueueDeps, 'runPass'>,
  options: Partial<BullmqQueueOptions> = {},
): Promise<BullmqPassQueue> {
  prefix ||= testPrefix();
  const queue = createBullmqQueue(
    { listChannelsNeedingPass: async () => [], sleepTokensSince: async () => 0, logger: silentLogger, ...deps },
    {
      redisUrl: REDIS_URL, prefix, runWorker: true, nightlyCron: '0 3 * * *', timezone: 'UTC', quietMs: 60_000,
      dailyTokenBudget: null, retryBaseDelayMs: 100, lockDurationMs: 5_000, ...options,
    },
  );
  queues.push(queue);
  await queue.ready();
  return queue;
}

describeService('Redis (BullMQ pass queue)', await redisUnreachable(), () => {
  it('one pass per channel at a time across two workers; triggers during a pass fold into one follow-up with every topic', async () => {
    const pass = recorder({ ms: 600 });
    const a = await open({ runPass: pass.runPass(1) });
    const b = await open({ runPass: pass.runPass(2) });
    const channel = 'slack:T1:C1';
    const first = a.rethink(channel);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = [a.rethink(channel, 'launch'), b.rethink(channel, 'budget'), b.rethink(channel, 'launch'), a.rethink(channel)];
    const reports = await Promise.all([first, ...later]);
    expect(pass.calls).toHaveLength(2);
    expect(pass.maxFor(channel)).toBe(1);
    expect(pass.calls[1]!.startedAt).toBeGreaterThanOrEqual(pass.calls[0]!.finishedAt!);
    expect(pass.calls[1]!.request).toEqual({ reason: 'rethink', topic: 'launch; budget' });
    // Every later trigger hears the follow-up's report, the first one its own.
    expect(reports.map((r) => r.highlights[0])).toEqual(['pass 1', 'pass 2', 'pass 2', 'pass 2', 'pass 2']);
  });

  it('retries a provider 429 after its retry-after, and records a pass that exhausted its tries as failed with the reason', async () => {
    const limited = new RateLimitError('openai', 'rate limited', { retryAfterMs: 700 });
    const report = (channel: ChannelKey, reason: string): PassReport => ({ channel, status: 'failed', reason, newNotes: 0, changedNotes: 0, droppedNotes: 0, anticipated: 0, messagesRead: 0, tokens: 10, durationMs: 0, highlights: [] });
    const pass = recorder({
      ms: 10,
      behave: (call, index) => {
        if (call.channel === 'slack:T1:C1' && index === 0) throw new RetryablePassError(report(call.channel, limited.message), limited);
        if (call.channel === 'slack:T1:C9') throw new RetryablePassError(report(call.channel, 'openai: 503 overloaded'), new ProviderError(ErrorCode.ProviderUnavailable, 'openai', '503 overloaded', { status: 503 }));
      },
    });
    const queue = await open({ runPass: pass.runPass(1) }, { attempts: 3 });
    const ok = await queue.rethink('slack:T1:C1');
    expect(ok.status).toBe('ok');
    const [first, second] = pass.calls.filter((c) => c.channel === 'slack:T1:C1');
    expect(second!.startedAt - first!.finishedAt!).toBeGreaterThanOrEqual(650);

    const failed = await queue.rethink('slack:T1:C9');
    expect(failed).toMatchObject({ status: 'failed', reason: 'openai: 503 overloaded' });
    expect(pass.calls.filter((c) => c.channel === 'slack:T1:C9')).toHaveLength(3);
    // The next nightly firing is the one delayed job left.
    expect(await queue.figures()).toMatchObject({ kind: 'bullmq', active: 0, waiting: 0, delayed: 1 });
  });

  it('the daily budget is reserved atomically: two workers racing over eight channels never spend past it', async () => {
    let spent = 0;
    const pass = recorder({ ms: 200, tokens: 100 });
    const counted = (worker: number) => async (channel: ChannelKey, request: PassRequest, hooks?: PassHooks) => {
      const report = await pass.runPass(worker)(channel, request, hooks);
      spent += report.tokens;
      return report;
    };
    // The ledger lags (it is read, not written, here): only the reservations keep the workers apart.
    const options = { dailyTokenBudget: 350, passTokenReserve: 100, concurrency: 2, workspaceConcurrency: 8 };
    const a = await open({ runPass: counted(1) }, options);
    const b = await open({ runPass: counted(2) }, options);
    const channels = Array.from({ length: 8 }, (_, i) => `slack:T1:C${i}`);
    const reports = await Promise.all(channels.map((ch, i) => (i % 2 ? a : b).rethink(ch)));
    expect(spent).toBeLessThanOrEqual(350);
    expect(reports.filter((r) => r.status === 'ok')).toHaveLength(3);
    expect(reports.filter((r) => r.status === 'skipped' && r.reason === 'budget spent')).toHaveLength(5);
    expect(new Set(pass.calls.map((c) => c.worker)).size).toBe(2);
  });

  it('at most MULL_WORKSPACE_CONCURRENCY passes of one workspace at once, across workers', async () => {
    const pass = recorder({ ms: 300 });
    const options = { concurrency: 4, workspaceConcurrency: 1 };
    const a = await open({ runPass: pass.runPass(1) }, options);
    const b = await open({ runPass: pass.runPass(2) }, options);
    await Promise.all([
      a.rethink('slack:T1:C1'), b.rethink('slack:T1:C2'), a.rethink('slack:T1:C3'), b.rethink('slack:T2:C1'),
    ]);
    expect(pass.maxFor('slack:T1')).toBe(1);
    expect(pass.calls).toHaveLength(4);
    expect(pass.maxConcurrent()).toBe(2);
  });

  it('the quiet period is one debounced delayed job: a burst of activity gives one pass after the silence', async () => {
    const pass = recorder({ ms: 10 });
    const queue = await open({ runPass: pass.runPass(1) }, { quietMs: 600 });
    const channel = 'discord:G1:C1';
    const start = Date.now();
    for (let i = 0; i < 6; i++) {
      queue.onActivity(channel);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lastActivity = Date.now() - 100;
    await new Promise((resolve) => setTimeout(resolve, 1_400));
    expect(pass.calls).toHaveLength(1);
    expect(pass.calls[0]!.request.reason).toBe('quiet');
    // Pushed back by the later activity (less the tenth it may fire early), not 600 ms after the first.
    expect(pass.calls[0]!.startedAt - lastActivity).toBeGreaterThanOrEqual(480);
    expect(pass.calls[0]!.startedAt - start).toBeGreaterThan(1_000);
  });

  it('the nightly sweep is one job scheduler: two workers, each second for three seconds, one sweep per firing', async () => {
    const sweeps: number[] = [];
    const pass = recorder({ ms: 10 });
    const deps = {
      runPass: pass.runPass(1),
      listChannelsNeedingPass: async () => {
        sweeps.push(Date.now());
        return ['slack:T1:C1' as ChannelKey];
      },
    };
    const a = await open(deps, { nightlyCron: '* * * * * *' });
    await open({ ...deps, runPass: pass.runPass(2) }, { nightlyCron: '* * * * * *' });
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    await a.stop();
    const seconds = sweeps.map((t) => Math.floor(t / 1000));
    expect(sweeps.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seconds).size).toBe(sweeps.length);
  });

  it('leaves no keys behind once the test deletes its prefix', async () => {
    const pass = recorder({ ms: 10 });
    const queue = await open({ runPass: pass.runPass(1) });
    await queue.rethink('slack:T1:C1');
    expect(await countKeys(prefix)).toBeGreaterThan(0);
    await queue.stop();
    queues.length = 0;
    await deleteKeys(prefix);
    expect(await countKeys(prefix)).toBe(0);
  });
});

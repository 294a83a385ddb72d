/**
 * Issue 12's queue bars, on the real Redis (MULL_BENCH_REDIS_URL, default 127.0.0.1:6379), each run
 * under a key prefix of its own that is deleted afterwards:
 * - pass throughput with 2 workers against 1: 40 channels waiting, every pass taking 2 s (the fake
 *   model's latency; the pass does nothing else, so what is measured is how the queue spreads
 *   work over workers). Bar: >= 1.8x.
 * - queue overhead per pass: from the trigger to the pass starting, idle workers. Bar: p50 < 50 ms.
 * The two workers are two BullMQ queues with workers in this process, each with its own Redis
 * connections, as two worker processes would have (the passes only wait, so one event loop is
 * not the limit).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { PassReport } from '../../src/core/engine.js';
import type { ChannelKey } from '../../src/core/ids.js';
import { silentLogger } from '../../src/core/logger.js';
import { createBullmqQueue, type BullmqPassQueue } from '../../src/jobs/bullmq-queue.js';
import { FakeModel } from '../model/fake-model.js';
import { prepareMultiStore } from '../multi-store.js';
import { spread, type Spread } from '../stats.js';
import { measureSlackLoad, type SlackLoad } from './slack-load.js';

export interface QueueBench {
  throughput: {
    channels: number;
    /** @unit milliseconds */
    passMs: number;
    concurrencyPerWorker: number;
    /** Wall time to drain every channel. @unit milliseconds */
    oneWorkerMs: number;
    twoWorkersMs: number;
    /** oneWorkerMs / twoWorkersMs. */
    speedup: number;
  };
  /** Trigger to pass start, idle workers. @unit milliseconds */
  overhead: Spread & { samples: number };
}

export const QueueBenchDefaults = {
  channels: 40,
  passMs: 2_000,
  concurrencyPerWorker: 4,
  overheadSamples: 60,
} as const;

export async function measureQueue(redisUrl: string = process.env.MULL_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<QueueBench> {
  const d = QueueBenchDefaults;
  const channels = Array.from({ length: d.channels }, (_, i) => `slack:T${i % 20}:C${i}`);
  const oneWorkerMs = await drain(redisUrl, 1, channels);
  const twoWorkersMs = await drain(redisUrl, 2, channels);
  return {
    throughput: { channels: d.channels, passMs: d.passMs, concurrencyPerWorker: d.concurrencyPerWorker, oneWorkerMs, twoWorkersMs, speedup: Math.round((oneWorkerMs / twoWorkersMs) * 100) / 100 },
    overhead: await overhead(redisUrl),
  };
}

/** Time for `workers` workers to pass every channel once. */
async function drain(redisUrl: string, workers: number, channels: ChannelKey[]): Promise<number> {
  return withQueues(redisUrl, workers, async () => report(QueueBenchDefaults.passMs), async (queues) => {
    const started = performance.now();
    await Promise.all(channels.map((channel, i) => queues[i % queues.length]!.rethink(channel)));
    return Math.round(performance.now() - started);
  });
}

async function overhead(redisUrl: string): Promise<QueueBench['overhead']> {
  let triggeredAt = 0;
  const waits: number[] = [];
  return withQueues(redisUrl, 2, async () => {
    waits.push(performance.now() - triggeredAt);
    return report(0);
  }, async (queues) => {
    for (let i = 0; i < QueueBenchDefaults.overheadSamples; i++) {
      triggeredAt = performance.now();
      await queues[i % 2]!.rethink(`slack:T1:C${i}`);
    }
    return { ...spread(waits), samples: waits.length };
  });
}

async function withQueues<T>(
  redisUrl: string,
  count: number,
  pass: () => Promise<PassReport>,
  work: (queues: BullmqPassQueue[]) => Promise<T>,
): Promise<T> {
  const prefix = `mull-bench-${randomBytes(4).toString('hex')}`;
  const queues = Array.from({ length: count }, () =>
    createBullmqQueue(
      { runPass: pass, listChannelsNeedingPass: async () => [], sleepTokensSince: async () => 0, logger: silentLogger },
      {
        redisUrl, prefix, runWorker: true, concurrency: QueueBenchDefaults.concurrencyPerWorker, workspaceConcurrency: 8,
        nightlyCron: '0 3 * * *', timezone: 'UTC', quietMs: 3_600_000, dailyTokenBudget: null,
      },
    ),
  );
  try {
    await Promise.all(queues.map((q) => q.ready()));
    return await work(queues);
  } finally {
    await Promise.all(queues.map((q) => q.stop()));
    await deletePrefix(redisUrl, prefix);
  }
}

function report(ms: number): Promise<PassReport> {
  return new Promise((resolve) =>
    setTimeout(() => resolve({ channel: '', status: 'ok', newNotes: 0, changedNotes: 0, droppedNotes: 0, anticipated: 0, messagesRead: 0, tokens: 0, durationMs: ms, highlights: [] }), ms),
  );
}

async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

/** `npm run bench -- --only queue`: measures, prints the bars, writes `queue.json` to `out`. */
export async function runQueueBars(out: string, log: (line: string) => void): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  log('12 queue: throughput 1 vs 2 workers, overhead…');
  const figures = await measureQueue();
  const bars = [
    { id: '12a', what: 'pass throughput, 2 workers vs 1 (40 channels, 2 s passes)', target: '>= 1.8x', actual: `${figures.throughput.speedup}x (${figures.throughput.oneWorkerMs} ms vs ${figures.throughput.twoWorkersMs} ms)`, met: figures.throughput.speedup >= 1.8 },
    { id: '12b', what: 'queue overhead per pass, trigger to start, idle workers', target: 'p50 < 50 ms', actual: `p50 ${figures.overhead.p50.toFixed(1)} ms, p95 ${figures.overhead.p95.toFixed(1)} ms`, met: figures.overhead.p50 < 50 },
  ];
  log('12 queue: 1,000 mentions over 200 channels in 20 s, two bot processes on one store…');
  const load = await twoBotLoad(join('bench', '.work', 'queue-load'));
  const once = load.totals.answeredExactlyOnce === load.totals.mentions;
  bars.push(
    { id: '12c', what: '1,000 mentions / 200 channels / 20 s over two bot processes, each answered once', target: 'all once', actual: `${load.totals.answeredExactlyOnce}/${load.totals.mentions} once; ${load.totals.duplicated} twice or more, ${load.totals.unanswered} unanswered, ${load.totals.apologies} apologies`, met: once },
    { id: '12d', what: 'reply latency under that load (300 ms model), p95', target: '< 1.5 s', actual: `p95 ${Math.round(load.replyLatency.p95)} ms (p50 ${Math.round(load.replyLatency.p50)} ms)`, met: load.replyLatency.p95 < 1_500 },
  );
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'queue.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), figures, load, bars }, null, 2)}\n`);
  for (const bar of bars) log(`${bar.met ? ' ok' : 'NOT'} ${bar.id} ${bar.what}: ${bar.actual} (bar ${bar.target})`);
}

/**
 * Measure 8 (bench/measures/slack-load.ts) with two bot processes on one store: 1,000 mentions over
 * 200 channels (40 synthetic workspaces of five channels) in 20 s, a 300 ms model.
 */
async function twoBotLoad(dir: string): Promise<SlackLoad> {
  const { rm } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await rm(dir, { recursive: true, force: true });
  const model = await FakeModel.start();
  try {
    const store = await prepareMultiStore(model, { path: join(dir, 'mull.sqlite'), workspaces: 40, messagesEach: 200, tagPrefix: 'Q', firstSeed: 400 });
    return await measureSlackLoad(model, store, { mentions: 1_000, windowSeconds: 20, commands: 20, repetitions: 1, bots: Number(process.env.MULL_BENCH_BOTS ?? 2) });
  } finally {
    await model.close();
    await rm(dir, { recursive: true, force: true });
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PassReport } from '../../src/core/engine.js';
import { silentLogger } from '../../src/core/logger.js';
import { SkipReason } from '../../src/sleep/pass-outcomes.js';
import {
  DefaultPassQueueOptions,
  mergeRequests,
  passLockKey,
  PassQueue,
  type PassLock,
} from '../../src/sleep/single-flight.js';
import { captureLogger, fakePass, MemoryLock } from './fakes.js';

const GENERAL = 'slack:T1:C1';
const RANDOM = 'slack:T1:C2';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PassQueue', () => {
  it('under 20 concurrent triggers runs one pass and exactly one follow-up', async () => {
    const pass = fakePass({ durationMs: 60_000 });
    const queue = new PassQueue(pass.run);

    const results = Array.from({ length: 20 }, () => queue.run(GENERAL, { reason: 'quiet' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(pass.calls).toHaveLength(1);

    await vi.runAllTimersAsync();
    const reports = await Promise.all(results);
    expect(pass.calls).toHaveLength(2);
    expect(pass.maxConcurrentPerChannel()).toBe(1);
    // The follow-up starts only when the first pass has finished.
    expect(pass.calls[1].startedAt).toBeGreaterThanOrEqual(pass.calls[0].finishedAt!);
    // The first trigger got the first pass; the 19 that arrived during it share the follow-up.
    expect(reports[0].highlights).toEqual(['pass #1']);
    for (const report of reports.slice(1)) expect(report.highlights).toEqual(['pass #2']);
    expect(queue.isRunning(GENERAL)).toBe(false);
  });

  it('carries /rethink topics into the follow-up, merged and deduplicated', async () => {
    const pass = fakePass({ durationMs: 10_000 });
    const queue = new PassQueue(pass.run);

    const first = queue.run(GENERAL, { reason: 'nightly' });
    const joined = [
      queue.run(GENERAL, { reason: 'quiet' }),
      queue.run(GENERAL, { reason: 'rethink', topic: 'Q3 budget' }),
      queue.run(GENERAL, { reason: 'rethink', topic: 'q3 budget' }),
      queue.run(GENERAL, { reason: 'quiet' }),
      queue.run(GENERAL, { reason: 'rethink', topic: 'launch date' }),
    ];
    await vi.runAllTimersAsync();
    await Promise.all([first, ...joined]);

    expect(pass.calls.map((c) => c.request)).toEqual([
      { reason: 'nightly' },
      { reason: 'rethink', topic: 'Q3 budget; launch date' },
    ]);
  });

  it('runs different channels in parallel', async () => {
    const pass = fakePass({ durationMs: 5_000 });
    const queue = new PassQueue(pass.run);
    const both = Promise.all([queue.run(GENERAL, { reason: 'quiet' }), queue.run(RANDOM, { reason: 'quiet' })]);
    await vi.advanceTimersByTimeAsync(0);
    expect(pass.calls.map((c) => c.channel)).toEqual([GENERAL, RANDOM]);
    await vi.advanceTimersByTimeAsync(5_000);
    await both;
    expect(pass.maxConcurrent()).toBe(2);
    expect(pass.calls).toHaveLength(2);
  });

  it('starts a fresh pass for a trigger that comes after the queue drained', async () => {
    const pass = fakePass({ durationMs: 1_000 });
    const queue = new PassQueue(pass.run);
    const first = queue.run(GENERAL, { reason: 'quiet' });
    await vi.runAllTimersAsync();
    await first;
    const second = queue.run(GENERAL, { reason: 'rethink', topic: 'owners' });
    await vi.runAllTimersAsync();
    expect((await second).highlights).toEqual(['pass #2']);
    expect(pass.calls[1].request).toEqual({ reason: 'rethink', topic: 'owners' });
  });

  it('rejects the callers of a pass that throws, and still runs the queued follow-up', async () => {
    const pass = fakePass({ durationMs: 1_000, fail: (_call, index) => index === 0 });
    const queue = new PassQueue(pass.run);
    const first = queue.run(GENERAL, { reason: 'quiet' });
    const followUp = queue.run(GENERAL, { reason: 'rethink' });
    const firstOutcome = expect(first).rejects.toThrow('model unavailable');
    await vi.runAllTimersAsync();
    await firstOutcome;
    expect((await followUp).status).toBe('ok');
    expect(queue.isRunning(GENERAL)).toBe(false);
  });

  it('turns a synchronous throw from the pass function into a rejection', async () => {
    const queue = new PassQueue<PassReport>(() => {
      throw new Error('boom');
    });
    await expect(queue.run(GENERAL, { reason: 'quiet' })).rejects.toThrow('boom');
    expect(queue.isRunning(GENERAL)).toBe(false);
  });

  it('idle() waits for the follow-up too', async () => {
    const pass = fakePass({ durationMs: 1_000 });
    const queue = new PassQueue(pass.run);
    void queue.run(GENERAL, { reason: 'quiet' });
    void queue.run(GENERAL, { reason: 'quiet' });
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(idle).toBe(true);
    expect(pass.calls).toHaveLength(2);
  });
});

describe('PassQueue with a shared lock', () => {
  it('holds the lock for exactly the pass and releases it after', async () => {
    const lock = new MemoryLock();
    const pass = fakePass({ durationMs: 1_000 });
    const queue = new PassQueue(pass.run, { lock });
    const report = queue.run(GENERAL, { reason: 'quiet' });
    await vi.advanceTimersByTimeAsync(500);
    expect(lock.isHeld(passLockKey(GENERAL))).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect((await report).status).toBe('ok');
    expect(lock.isHeld(passLockKey(GENERAL))).toBe(false);
  });

  it('skips with reason busy when another instance holds the lock', async () => {
    const lock = new MemoryLock();
    await lock.acquireLock(passLockKey(GENERAL), 60_000);
    const pass = fakePass();
    const queue = new PassQueue(pass.run, { lock });
    const report = await queue.run(GENERAL, { reason: 'rethink', topic: 'x' });
    expect(report).toMatchObject({ channel: GENERAL, status: 'skipped', reason: SkipReason.Busy, tokens: 0 });
    expect(pass.calls).toHaveLength(0);
  });

  it('lets only one of two instances sharing the lock run a channel', async () => {
    const lock = new MemoryLock();
    const pass = fakePass({ durationMs: 30_000 });
    const instanceA = new PassQueue(pass.run, { lock });
    const instanceB = new PassQueue(pass.run, { lock });
    const a = instanceA.run(GENERAL, { reason: 'nightly' });
    const b = instanceB.run(GENERAL, { reason: 'nightly' });
    await vi.runAllTimersAsync();
    expect([(await a).status, (await b).status].sort()).toEqual(['ok', 'skipped']);
    expect(pass.calls).toHaveLength(1);
  });

  it('passes the configured ttl and defaults to 30 minutes', async () => {
    const acquired: number[] = [];
    const lock: PassLock = {
      acquireLock: async (_key, ttlMs) => (acquired.push(ttlMs), 'token'),
      releaseLock: async () => {},
    };
    const pass = fakePass({ durationMs: 1 });
    const defaults = new PassQueue(pass.run, { lock }).run(GENERAL, { reason: 'quiet' });
    const custom = new PassQueue(pass.run, { lock, lockTtlMs: 90_000 }).run(RANDOM, { reason: 'quiet' });
    await vi.runAllTimersAsync();
    await Promise.all([defaults, custom]);
    expect(acquired).toEqual([DefaultPassQueueOptions.lockTtlMs, 90_000]);
    expect(DefaultPassQueueOptions.lockTtlMs).toBe(30 * 60_000);
  });

  it('rejects without running when the lock store is down, and logs a failed release without failing', async () => {
    const pass = fakePass({ durationMs: 1 });
    const down = new PassQueue(pass.run, {
      lock: {
        acquireLock: async () => {
          throw new Error('ECONNREFUSED');
        },
        releaseLock: async () => {},
      },
    });
    await expect(down.run(GENERAL, { reason: 'quiet' })).rejects.toThrow('ECONNREFUSED');
    expect(pass.calls).toHaveLength(0);

    const log = captureLogger();
    const flaky = new PassQueue(pass.run, {
      logger: log.logger,
      lock: {
        acquireLock: async () => 'token',
        releaseLock: async () => {
          throw new Error('ETIMEDOUT');
        },
      },
    });
    const report = flaky.run(GENERAL, { reason: 'quiet' });
    await vi.runAllTimersAsync();
    expect((await report).status).toBe('ok');
    expect(log.problems('could not release the lock')).toHaveLength(1);
  });

  it('needs a skipped() factory for results that are not PassReports', async () => {
    const lock = new MemoryLock();
    await lock.acquireLock(passLockKey(GENERAL), 60_000);
    const queue = new PassQueue(async () => 'ran', {
      lock,
      logger: silentLogger,
      skipped: (_channel, reason) => `not run: ${reason}`,
    });
    expect(await queue.run(GENERAL, { reason: 'quiet' })).toBe('not run: busy');
    // @ts-expect-error without skipped() a lock-held result could not be a string
    void new PassQueue(async () => 'ran', { lock });
  });
});

describe('mergeRequests', () => {
  it('keeps the most urgent reason: rethink over quiet over nightly', () => {
    expect(mergeRequests({ reason: 'nightly' }, { reason: 'quiet' })).toEqual({ reason: 'quiet' });
    expect(mergeRequests({ reason: 'rethink' }, { reason: 'nightly' })).toEqual({ reason: 'rethink' });
    expect(mergeRequests({ reason: 'quiet' }, { reason: 'rethink', topic: 'a' })).toEqual({ reason: 'rethink', topic: 'a' });
  });

  it('keeps a topic from either side, ignores blanks and caps how many are carried', () => {
    expect(mergeRequests({ reason: 'rethink', topic: 'a' }, { reason: 'quiet', topic: '  ' })).toEqual({
      reason: 'rethink',
      topic: 'a',
    });
    let request = mergeRequests({ reason: 'quiet' }, { reason: 'rethink', topic: 't0' });
    for (let i = 1; i < 20; i++) request = mergeRequests(request, { reason: 'rethink', topic: `t${i}` });
    expect(request.topic?.split('; ')).toHaveLength(DefaultPassQueueOptions.maxTopics);
    expect(request.topic?.startsWith('t0; t1')).toBe(true);
  });
});

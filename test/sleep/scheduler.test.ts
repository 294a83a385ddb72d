import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PassReport } from '../../src/core/engine.js';
import { silentLogger } from '../../src/core/logger.js';
import { SkipReason } from '../../src/sleep/pass-outcomes.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/sleep/scheduler.js';
import { passLockKey, type PassRequest } from '../../src/sleep/single-flight.js';
import { captureLogger, fakePass, MemoryLock, type FakePass } from './fakes.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const GENERAL = 'slack:T1:C1';
const RANDOM = 'slack:T1:C2';

let scheduler: Scheduler | undefined;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-06-02T10:00:00Z'));
});
afterEach(async () => {
  const stopping = scheduler?.stop();
  await vi.runAllTimersAsync();
  await stopping;
  scheduler = undefined;
  vi.useRealTimers();
});

interface Harness {
  scheduler: Scheduler;
  pass: FakePass;
  settled: Array<{ report: PassReport; request: PassRequest }>;
  /** Sleep tokens the fake ledger has recorded (the fake pass adds its tokens when it finishes). */
  ledger: { tokens: number };
}

function harness(
  overrides: Partial<SchedulerOptions> & { pass?: FakePass; needing?: () => string[] } = {},
): Harness {
  const pass = overrides.pass ?? fakePass({ durationMs: 2 * MINUTE, tokens: 1_000 });
  const ledger = { tokens: 0 };
  const settled: Harness['settled'] = [];
  scheduler = createScheduler({
    runPass: async (channel, request) => {
      const report = await pass.run(channel, request);
      ledger.tokens += report.tokens;
      return report;
    },
    listChannelsNeedingPass: async () => overrides.needing?.() ?? [],
    sleepTokensSince: async () => ledger.tokens,
    nightlyCron: '0 3 * * *',
    timezone: 'Europe/Berlin',
    quietMinutes: 20,
    dailyTokenBudget: null,
    logger: silentLogger,
    onPassSettled: (report, request) => {
      settled.push({ report, request });
    },
    ...overrides,
  });
  return { scheduler, pass, settled, ledger };
}

describe('createScheduler', () => {
  it('passes a channel once it has been quiet for quietMinutes', async () => {
    const { scheduler, pass, settled } = harness();
    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(20 * MINUTE - 1);
    expect(pass.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pass.calls.map((c) => [c.channel, c.request])).toEqual([[GENERAL, { reason: 'quiet' }]]);
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(settled.map((s) => s.report.status)).toEqual(['ok']);
  });

  it('queues a /rethink behind a running pass and answers it with the follow-up', async () => {
    const { scheduler, pass } = harness();
    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(20 * MINUTE + 30_000); // quiet pass running
    const answers = Array.from({ length: 20 }, (_, i) => scheduler.rethink(GENERAL, i % 2 ? 'launch' : ' pricing '));
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    const reports = await Promise.all(answers);
    expect(pass.calls.map((c) => c.request)).toEqual([{ reason: 'quiet' }, { reason: 'rethink', topic: 'pricing; launch' }]);
    expect(new Set(reports.map((r) => r.highlights[0]))).toEqual(new Set(['pass #2']));
    expect(pass.maxConcurrentPerChannel()).toBe(1);
  });

  it('caps quiet and on-demand passes by the daily budget and says so', async () => {
    const log = captureLogger();
    const { scheduler, pass, settled, ledger } = harness({ dailyTokenBudget: 1_500, logger: log.logger });
    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(25 * MINUTE);
    expect(ledger.tokens).toBe(1_000);

    // 1,000 of 1,500 used: one more pass may start (and overshoot), then none.
    expect((await settleNow(scheduler.rethink(GENERAL))).status).toBe('ok');
    scheduler.onActivity(RANDOM, Date.now());
    await vi.advanceTimersByTimeAsync(25 * MINUTE);
    const refused = await settleNow(scheduler.rethink(GENERAL, 'pricing'));

    expect(pass.calls).toHaveLength(2);
    expect(refused).toMatchObject({ status: 'skipped', reason: SkipReason.BudgetSpent, tokens: 0 });
    expect(settled.map((s) => [s.report.channel, s.request.reason, s.report.status, s.report.reason])).toEqual([
      [GENERAL, 'quiet', 'ok', undefined],
      [GENERAL, 'rethink', 'ok', undefined],
      [RANDOM, 'quiet', 'skipped', SkipReason.BudgetSpent],
      [GENERAL, 'rethink', 'skipped', SkipReason.BudgetSpent],
    ]);
    expect(log.problems('daily token budget spent')).toHaveLength(2);
  });

  it('resets the budget at midnight in the configured timezone', async () => {
    // 21:50 UTC is 23:50 in Berlin (CEST): ten minutes before the budget's day ends.
    vi.setSystemTime(new Date('2025-06-02T21:50:00Z'));
    const spentAt: number[] = [];
    const { scheduler, pass } = harness({
      dailyTokenBudget: 1_000,
      sleepTokensSince: async (dayStartMs) => spentAt.filter((t) => t >= dayStartMs).length * 1_000,
      runPass: async (channel, request) => (spentAt.push(Date.now()), { ...(await passNow(channel, request)), tokens: 1_000 }),
    });
    // This test's passes are instant, so no fake time passes between these two.
    expect((await scheduler.rethink(GENERAL)).status).toBe('ok');
    expect((await scheduler.rethink(GENERAL)).reason).toBe(SkipReason.BudgetSpent);
    await vi.advanceTimersByTimeAsync(9 * MINUTE); // 23:59 in Berlin
    expect((await scheduler.rethink(GENERAL)).reason).toBe(SkipReason.BudgetSpent);
    await vi.advanceTimersByTimeAsync(1 * MINUTE); // 00:00 in Berlin, still 22:00 UTC
    expect((await scheduler.rethink(GENERAL)).status).toBe('ok');
    expect(spentAt).toHaveLength(2);
    expect(pass.calls).toHaveLength(0); // this test's runPass does not use the slow fake
  });

  it('keeps going when one channel’s pass throws, and records the failure', async () => {
    const log = captureLogger();
    const pass = fakePass({ durationMs: MINUTE, fail: (call) => call.channel === GENERAL });
    const { scheduler, settled } = harness({ pass, logger: log.logger });
    scheduler.onActivity(GENERAL, Date.now());
    scheduler.onActivity(RANDOM, Date.now());
    await vi.advanceTimersByTimeAsync(25 * MINUTE);
    expect(settled.map((s) => [s.report.channel, s.report.status])).toEqual([
      [GENERAL, 'failed'],
      [RANDOM, 'ok'],
    ]);
    expect(settled[0].report.reason).toBe(`model unavailable (${GENERAL})`);
    expect(log.problems('sleep pass failed')).toMatchObject([{ channel: GENERAL }]);

    // The failed channel is not wedged: new activity gets it another pass.
    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(25 * MINUTE);
    expect(settled.filter((s) => s.report.channel === GENERAL)).toHaveLength(2);
  });

  it('still answers a /rethink when the pass throws or recording it fails', async () => {
    const log = captureLogger();
    const { scheduler } = harness({
      logger: log.logger,
      runPass: async () => Promise.reject(new Error('rate limited')),
      onPassSettled: () => {
        throw new Error('ledger write failed');
      },
    });
    expect(await scheduler.rethink(GENERAL)).toMatchObject({ status: 'failed', reason: 'rate limited' });
    expect(log.problems('recording a sleep pass failed')).toHaveLength(1);
  });

  it('runs the nightly sweep at 03:00 Berlin time over channels with new activity, budget-capped', async () => {
    vi.setSystemTime(new Date('2025-06-02T00:30:00Z')); // 02:30 in Berlin (CEST, UTC+2)
    const needing = new Set([GENERAL, RANDOM, 'slack:T1:C3']);
    const { pass, settled } = harness({ dailyTokenBudget: 2_000, needing: () => [...needing] });
    await vi.advanceTimersByTimeAsync(30 * MINUTE - 1_000);
    expect(pass.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000 + 10 * MINUTE);
    expect(pass.calls.map((c) => [c.channel, c.request.reason])).toEqual([
      [GENERAL, 'nightly'],
      [RANDOM, 'nightly'],
    ]);
    expect(pass.calls[0].startedAt).toBe(Date.parse('2025-06-02T01:00:00Z'));
    expect(settled.map((s) => s.report.status)).toEqual(['ok', 'ok']);
  });

  it('runNightlyNow reports every channel, including those a throwing pass did not stop', async () => {
    const pass = fakePass({ durationMs: MINUTE, fail: (call) => call.channel === RANDOM });
    const { scheduler } = harness({ pass, needing: () => [GENERAL, RANDOM, 'slack:T1:C3'] });
    const run = scheduler.runNightlyNow();
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect((await run).reports.map((r) => [r.channel, r.status])).toEqual([
      [GENERAL, 'ok'],
      [RANDOM, 'failed'],
      ['slack:T1:C3', 'ok'],
    ]);
  });

  it('a pass that starts covers the activity before it, so no redundant quiet pass follows', async () => {
    const { scheduler, pass } = harness({ needing: () => [GENERAL] });
    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    const run = scheduler.runNightlyNow();
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    await run;
    expect(pass.calls.map((c) => c.request.reason)).toEqual(['nightly']);
  });

  it('skips as busy while another instance holds the lock, and retries the quiet pass later', async () => {
    const lock = new MemoryLock();
    await lock.acquireLock(passLockKey(GENERAL), 30 * MINUTE); // the other instance's pass
    const { scheduler, pass, settled } = harness({ lock });
    expect(await scheduler.rethink(GENERAL)).toMatchObject({ status: 'skipped', reason: SkipReason.Busy });

    scheduler.onActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(pass.calls).toHaveLength(0);
    // The other instance's lock has expired by the next quiet period: this one passes then.
    await vi.advanceTimersByTimeAsync(25 * MINUTE);
    expect(pass.calls.map((c) => c.request.reason)).toEqual(['quiet']);
    // Busy skips are the other instance's to record, not ours.
    expect(settled.map((s) => s.report.status)).toEqual(['ok']);
    expect(lock.isHeld(passLockKey(GENERAL))).toBe(false);
  });

  it('answers with a failed report when the lock store is down', async () => {
    const { scheduler, pass } = harness({
      lock: { acquireLock: async () => Promise.reject(new Error('ECONNREFUSED')), releaseLock: async () => {} },
    });
    expect(await scheduler.rethink(GENERAL)).toMatchObject({ status: 'failed', reason: 'lock unavailable: ECONNREFUSED' });
    expect(pass.calls).toHaveLength(0);
  });

  it('stop() lets the running pass finish, drops the queued one, and ignores later triggers', async () => {
    const { scheduler: running, pass } = harness();
    const first = running.rethink(GENERAL);
    await vi.advanceTimersByTimeAsync(MINUTE);
    const queued = running.rethink(GENERAL, 'pricing');
    running.onActivity(RANDOM, Date.now());
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(30 * 1_000);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(HOUR);
    await stopping;
    expect((await first).status).toBe('ok');
    expect(await queued).toMatchObject({ status: 'skipped', reason: SkipReason.Stopped });
    expect(await running.rethink(GENERAL)).toMatchObject({ status: 'skipped', reason: SkipReason.Stopped });
    expect(pass.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

/** Resolves a trigger whose pass takes fake time. */
async function settleNow<T>(promise: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(10 * MINUTE);
  return promise;
}

/** An instant fake pass result, for tests that count tokens themselves. */
async function passNow(channel: string, request: PassRequest): Promise<PassReport> {
  return {
    channel,
    status: 'ok',
    newNotes: 0,
    changedNotes: 0,
    droppedNotes: 0,
    anticipated: 0,
    messagesRead: 1,
    tokens: 0,
    durationMs: 0,
    highlights: [request.reason],
  };
}

/**
 * The real node-cron 4 drives these: its scheduler arms `setTimeout` and reads `new Date()` at
 * call time, both of which vitest's fake timers replace, so "03:00 in New York" is tested by
 * moving the fake clock, not by injecting a scheduling function.
 */
import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MullError } from '../../src/core/errors.js';
import { isValidCron, NightlyPasses, type NightlyOptions } from '../../src/sleep/nightly.js';
import { SkipReason } from '../../src/sleep/pass-outcomes.js';
import { captureLogger, fakePass } from './fakes.js';

const HOUR = 3_600_000;

let nightly: NightlyPasses | undefined;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  nightly?.stop();
  nightly = undefined;
  vi.useRealTimers();
});

function nightlyWith(overrides: Partial<NightlyOptions> & { channels?: string[]; durationMs?: number } = {}) {
  const pass = fakePass({ durationMs: overrides.durationMs ?? 60_000 });
  const listed: number[] = [];
  nightly = new NightlyPasses({
    cron: '0 3 * * *',
    timezone: 'America/New_York',
    listChannelsNeedingPass: async () => (listed.push(Date.now()), overrides.channels ?? ['slack:T1:C1', 'slack:T1:C2']),
    runPass: (channel) => pass.run(channel, { reason: 'nightly' }),
    canRunPass: async () => ({ ok: true, usedToday: 0, limit: null }),
    ...overrides,
  });
  return { nightly, pass, listed };
}

describe('NightlyPasses on the real node-cron', () => {
  it('fires at 03:00 in the configured timezone, once a day', async () => {
    // 2025-06-02 03:00 in New York (EDT, UTC-4) is 07:00 UTC.
    vi.setSystemTime(new Date('2025-06-02T02:30:00Z'));
    const { nightly, pass, listed } = nightlyWith();
    nightly.start();
    expect(nightly.nextRunAt()?.toISOString()).toBe('2025-06-02T07:00:00.000Z');

    // 03:00 UTC passes without a run: the schedule is New York's.
    await vi.advanceTimersByTimeAsync(4.5 * HOUR - 1_000);
    expect(listed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(listed).toEqual([Date.parse('2025-06-02T07:00:00Z')]);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(pass.calls.map((c) => c.channel)).toEqual(['slack:T1:C1', 'slack:T1:C2']);

    await vi.advanceTimersByTimeAsync(24 * HOUR);
    expect(listed).toEqual([Date.parse('2025-06-02T07:00:00Z'), Date.parse('2025-06-03T07:00:00Z')]);
  });

  it('passes only the channels that need it, one after another', async () => {
    const { nightly, pass } = nightlyWith({ channels: ['slack:T1:C1', 'discord:G1:C9', 'slack:T1:C1'] });
    const run = nightly.runNow();
    await vi.runAllTimersAsync();
    const result = await run;
    expect(pass.calls.map((c) => c.channel)).toEqual(['slack:T1:C1', 'discord:G1:C9']);
    expect(pass.maxConcurrent()).toBe(1);
    expect(result.reports.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(result.stoppedEarly).toBeUndefined();
  });

  it('stops when the daily budget is spent and reports why for the channels left', async () => {
    const log = captureLogger();
    let checks = 0;
    const { nightly, pass } = nightlyWith({
      channels: ['slack:T1:C1', 'slack:T1:C2', 'slack:T1:C3', 'slack:T1:C4'],
      canRunPass: async () => {
        checks++;
        return { ok: checks <= 2, usedToday: checks <= 2 ? 0 : 50_000, limit: 50_000 };
      },
      logger: log.logger,
    });
    const run = nightly.runNow();
    await vi.runAllTimersAsync();
    const result = await run;
    expect(pass.calls).toHaveLength(2);
    expect(result.stoppedEarly).toBe(SkipReason.BudgetSpent);
    expect(result.reports.map((r) => [r.channel, r.status, r.reason])).toEqual([
      ['slack:T1:C1', 'ok', undefined],
      ['slack:T1:C2', 'ok', undefined],
      ['slack:T1:C3', 'skipped', SkipReason.BudgetSpent],
      ['slack:T1:C4', 'skipped', SkipReason.BudgetSpent],
    ]);
    expect(log.problems('daily token budget spent')).toMatchObject([{ usedToday: 50_000, limit: 50_000, channelsLeft: 2 }]);
  });

  it('carries on after a channel whose pass throws', async () => {
    const { nightly } = nightlyWith({
      channels: ['slack:T1:C1', 'slack:T1:C2', 'slack:T1:C3'],
      runPass: async (channel) => {
        if (channel === 'slack:T1:C2') throw new Error('invalid model output');
        return fakePass({ durationMs: 10 }).run(channel, { reason: 'nightly' });
      },
    });
    const run = nightly.runNow();
    await vi.runAllTimersAsync();
    const result = await run;
    expect(result.reports.map((r) => [r.channel, r.status, r.reason])).toEqual([
      ['slack:T1:C1', 'ok', undefined],
      ['slack:T1:C2', 'failed', 'invalid model output'],
      ['slack:T1:C3', 'ok', undefined],
    ]);
  });

  it('reports, rather than throws, when listing channels or checking the budget fails', async () => {
    const listFails = nightlyWith({ listChannelsNeedingPass: async () => Promise.reject(new Error('db down')) });
    await expect(listFails.nightly.runNow()).resolves.toMatchObject({ reports: [], error: 'could not list channels: db down' });

    const budgetFails = nightlyWith({ canRunPass: async () => Promise.reject(new Error('ledger down')) });
    const result = await budgetFails.nightly.runNow();
    expect(budgetFails.pass.calls).toHaveLength(0);
    expect(result.reports.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(result.error).toBe('budget check failed: ledger down');
  });

  it('joins a sweep already in progress instead of starting a second', async () => {
    const { nightly, pass, listed } = nightlyWith();
    const first = nightly.runNow();
    const second = nightly.runNow();
    expect(second).toBe(first);
    await vi.runAllTimersAsync();
    await first;
    expect(listed).toHaveLength(1);
    expect(pass.calls).toHaveLength(2);
  });

  it('stop() unregisters the cron task and ends a sweep before its next channel', async () => {
    vi.setSystemTime(new Date('2025-06-02T06:59:00Z'));
    const { nightly, pass } = nightlyWith();
    nightly.start();
    const before = cron.getTasks().size;
    await vi.advanceTimersByTimeAsync(60_000 + 1_000);
    expect(pass.calls).toHaveLength(1);
    nightly.stop();
    expect(cron.getTasks().size).toBe(before - 1);
    await vi.advanceTimersByTimeAsync(3 * 24 * HOUR);
    // The channel being passed finishes; the next one is not started, nor are later nights.
    expect(pass.calls).toHaveLength(1);
  });

  it('refuses a bad expression at construction and an unknown timezone at start', () => {
    expect(() => nightlyWith({ cron: '0 25 * * *' })).toThrow(MullError);
    const { nightly } = nightlyWith({ timezone: 'Mars/Olympus' });
    expect(() => nightly.start()).toThrow(/Mars\/Olympus/);
  });
});

describe('isValidCron', () => {
  it('accepts what node-cron 4 accepts', () => {
    expect(isValidCron('0 3 * * *')).toBe(true);
    expect(isValidCron('30 2 * * 1-5')).toBe(true);
    expect(isValidCron('0 0 3 * * *')).toBe(true);
    expect(isValidCron('0 24 * * *')).toBe(false);
    expect(isValidCron('at three')).toBe(false);
    expect(isValidCron('')).toBe(false);
  });
});

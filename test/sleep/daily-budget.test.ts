import { describe, expect, it } from 'vitest';
import { MullError } from '../../src/core/errors.js';
import { DailyBudget, startOfDay } from '../../src/sleep/daily-budget.js';

const at = (iso: string) => Date.parse(iso);

describe('startOfDay', () => {
  it('is UTC midnight in UTC', () => {
    expect(startOfDay(at('2025-06-02T23:59:59.999Z'), 'UTC')).toBe(at('2025-06-02T00:00:00Z'));
    expect(startOfDay(at('2025-06-03T00:00:00Z'), 'UTC')).toBe(at('2025-06-03T00:00:00Z'));
  });

  it('is local midnight in the configured timezone, not UTC midnight', () => {
    // 20:00 UTC on the 2nd is already 05:00 on the 3rd in Tokyo (UTC+9).
    expect(startOfDay(at('2025-06-02T20:00:00Z'), 'Asia/Tokyo')).toBe(at('2025-06-02T15:00:00Z'));
    // 02:00 UTC on the 3rd is still 22:00 on the 2nd in New York (EDT, UTC-4).
    expect(startOfDay(at('2025-06-03T02:00:00Z'), 'America/New_York')).toBe(at('2025-06-02T04:00:00Z'));
    // Half-hour zones too (India, UTC+5:30).
    expect(startOfDay(at('2025-06-02T12:00:00Z'), 'Asia/Kolkata')).toBe(at('2025-06-01T18:30:00Z'));
  });

  it('uses the offset in force at midnight on DST days', () => {
    // New York springs forward at 02:00 on 2025-03-09: midnight was still EST (UTC-5).
    expect(startOfDay(at('2025-03-09T20:00:00Z'), 'America/New_York')).toBe(at('2025-03-09T05:00:00Z'));
    // ... and falls back on 2025-11-02: midnight was still EDT (UTC-4).
    expect(startOfDay(at('2025-11-02T20:00:00Z'), 'America/New_York')).toBe(at('2025-11-02T04:00:00Z'));
  });

  it('starts at 01:00 where DST skips midnight', () => {
    // Cuba moved its clocks from 00:00 to 01:00 on 2024-03-10; the day began at 05:00 UTC.
    expect(startOfDay(at('2024-03-10T15:00:00Z'), 'America/Havana')).toBe(at('2024-03-10T05:00:00Z'));
  });
});

describe('DailyBudget', () => {
  function budget(limit: number | null, used: number, now = at('2025-06-02T20:00:00Z'), timezone = 'Asia/Tokyo') {
    const asked: number[] = [];
    const daily = new DailyBudget({
      limit,
      timezone,
      now: () => now,
      sleepTokensSince: async (dayStartMs) => (asked.push(dayStartMs), used),
    });
    return { daily, asked };
  }

  it('asks the ledger for tokens since the start of the local day', async () => {
    const { daily, asked } = budget(50_000, 10);
    await daily.canRunPass();
    expect(asked).toEqual([at('2025-06-02T15:00:00Z')]);
  });

  it('allows passes under the limit and refuses at or over it, saying how much was used', async () => {
    expect(await budget(50_000, 49_999).daily.canRunPass()).toMatchObject({ ok: true, usedToday: 49_999, limit: 50_000, remaining: 1 });
    expect(await budget(50_000, 50_000).daily.canRunPass()).toMatchObject({ ok: false, usedToday: 50_000, remaining: 0 });
    expect(await budget(50_000, 61_000).daily.canRunPass()).toMatchObject({ ok: false, usedToday: 61_000, remaining: 0 });
  });

  it('a limit of 0 allows no sleep passes; null allows any number', async () => {
    expect((await budget(0, 0).daily.canRunPass()).ok).toBe(false);
    expect(await budget(null, 9_999_999).daily.canRunPass()).toMatchObject({ ok: true, limit: null, remaining: null, usedToday: 9_999_999 });
  });

  it('rejects when the ledger cannot be read, so no pass runs blind', async () => {
    const daily = new DailyBudget({ limit: 10, sleepTokensSince: async () => Promise.reject(new Error('db down')) });
    await expect(daily.canRunPass()).rejects.toThrow('db down');
  });

  it('refuses an unknown timezone or a negative limit at construction', () => {
    const sleepTokensSince = async () => 0;
    expect(() => new DailyBudget({ limit: 1, timezone: 'Mars/Olympus', sleepTokensSince })).toThrow(MullError);
    expect(() => new DailyBudget({ limit: -1, sleepTokensSince })).toThrow(MullError);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuietPeriodWatcher } from '../../src/sleep/quiet-period.js';
import { captureLogger } from './fakes.js';

const MINUTE = 60_000;
const GENERAL = 'discord:G1:C1';
const RANDOM = 'discord:G1:C2';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-06-02T10:00:00Z'));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function watcher(quietMinutes = 20) {
  const fired: Array<{ channel: string; at: number }> = [];
  const watch = new QuietPeriodWatcher({
    quietMs: quietMinutes * MINUTE,
    onQuiet: (channel) => {
      fired.push({ channel, at: Date.now() });
    },
  });
  return { watch, fired };
}

describe('QuietPeriodWatcher', () => {
  it('fires once after N minutes of silence', async () => {
    const { watch, fired } = watcher(20);
    const start = Date.now();
    watch.notifyActivity(GENERAL, start);
    await vi.advanceTimersByTimeAsync(20 * MINUTE - 1);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fired).toEqual([{ channel: GENERAL, at: start + 20 * MINUTE }]);
    await vi.advanceTimersByTimeAsync(3 * 60 * MINUTE);
    expect(fired).toHaveLength(1);
    expect(watch.pendingChannels()).toEqual([]);
  });

  it('restarts the quiet period on new activity', async () => {
    const { watch, fired } = watcher(20);
    watch.notifyActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(19 * MINUTE);
    const last = Date.now();
    watch.notifyActivity(GENERAL, last);
    await vi.advanceTimersByTimeAsync(19 * MINUTE);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 * MINUTE);
    expect(fired).toEqual([{ channel: GENERAL, at: last + 20 * MINUTE }]);
  });

  it('keeps one live timer through a burst of 1,000 messages and fires once after it', async () => {
    const { watch, fired } = watcher(20);
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    // 1,000 messages, one a second: the burst lasts ~17 minutes, shorter than the quiet period.
    for (let i = 0; i < 1_000; i++) {
      watch.notifyActivity(GENERAL, Date.now());
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    const lastMessageAt = Date.now() - 1_000;
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(fired).toEqual([{ channel: GENERAL, at: lastMessageAt + 20 * MINUTE }]);
    // One timer for the burst and one re-arm when it woke mid-burst, not one per message.
    expect(setTimeoutSpy.mock.calls.length).toBeLessThanOrEqual(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('handles channels independently', async () => {
    const { watch, fired } = watcher(10);
    watch.notifyActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    watch.notifyActivity(RANDOM, Date.now());
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(fired.map((f) => f.channel)).toEqual([GENERAL]);
    // Activity in #general again does not move #random's deadline.
    watch.notifyActivity(GENERAL, Date.now());
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(fired.map((f) => f.channel)).toEqual([GENERAL, RANDOM]);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(fired.map((f) => f.channel)).toEqual([GENERAL, RANDOM, GENERAL]);
  });

  it('treats a future timestamp as now and a past one as already quiet for that long', async () => {
    const { watch, fired } = watcher(20);
    watch.notifyActivity(GENERAL, Date.now() + 6 * 60 * MINUTE);
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    expect(fired.map((f) => f.channel)).toEqual([GENERAL]);

    watch.notifyActivity(RANDOM, Date.now() - 15 * MINUTE);
    await vi.advanceTimersByTimeAsync(5 * MINUTE);
    expect(fired.map((f) => f.channel)).toEqual([GENERAL, RANDOM]);
  });

  it('logs a failing trigger and keeps watching other channels', async () => {
    const log = captureLogger();
    const fired: string[] = [];
    const watch = new QuietPeriodWatcher({
      quietMs: MINUTE,
      logger: log.logger,
      onQuiet: async (channel) => {
        if (channel === GENERAL) throw new Error('store down');
        fired.push(channel);
      },
    });
    watch.notifyActivity(GENERAL);
    watch.notifyActivity(RANDOM);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(fired).toEqual([RANDOM]);
    expect(log.problems('quiet-period trigger failed')).toMatchObject([{ channel: GENERAL, err: { message: 'store down' } }]);
    watch.notifyActivity(GENERAL);
    watch.notifyActivity(RANDOM);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(fired).toEqual([RANDOM, RANDOM]);
  });

  it('does not keep the process alive', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { watch } = watcher(20);
    watch.notifyActivity(GENERAL);
    const timer = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });

  it('waits out a quiet period longer than setTimeout can', async () => {
    const { watch, fired } = watcher(30 * 24 * 60);
    watch.notifyActivity(GENERAL);
    await vi.advanceTimersByTimeAsync(29 * 24 * 60 * MINUTE);
    expect(fired).toEqual([]);
    await vi.advanceTimersByTimeAsync(24 * 60 * MINUTE);
    expect(fired).toHaveLength(1);
  });

  it('cancel() forgets one channel; stop() clears every timer and ignores later activity', async () => {
    const { watch, fired } = watcher(10);
    watch.notifyActivity(GENERAL);
    watch.notifyActivity(RANDOM);
    watch.cancel(GENERAL);
    expect(watch.pendingChannels()).toEqual([RANDOM]);
    watch.stop();
    expect(vi.getTimerCount()).toBe(0);
    watch.notifyActivity(GENERAL);
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(fired).toEqual([]);
  });

  it('refuses a non-positive quiet period', () => {
    expect(() => new QuietPeriodWatcher({ quietMs: 0, onQuiet: () => {} })).toThrow(RangeError);
  });
});

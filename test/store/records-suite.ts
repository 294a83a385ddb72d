import { expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { DailyBudget } from '../../src/sleep/daily-budget.js';
import { BASE_TS, CHANNEL, message, OTHER, useStores, type StoreTarget } from './suite-harness.js';

/** Workspaces, channels, state, questions and the ledger. Call inside a describe block. */
export function recordsSuite(target: StoreTarget): void {
  const open = useStores(target);

  it('opens through openStore and reports its backend', async () => {
    const url = target.freshUrl();
    const store = await openStore(url, target.options?.(url));
    try {
      expect(store.backend).toBe(target.backend);
      await store.setState('hello', { n: 1 });
      expect(await store.getState('hello')).toEqual({ n: 1 });
    } finally {
      await store.close();
      await target.drop?.(url);
    }
    await expect(store.getState('hello')).rejects.toBeInstanceOf(StoreError);
  });

  it('keeps workspaces and lists every channel once, by key', async () => {
    const { store } = await open();
    await store.putWorkspace({ platform: 'slack', id: 'T1', name: 'Acme' });
    expect(await store.getWorkspace('slack', 'T1')).toEqual({ platform: 'slack', id: 'T1', name: 'Acme' });
    expect(await store.getWorkspace('slack', 'T2')).toBeUndefined();

    const general = { key: CHANNEL, platform: 'slack', workspace: 'T1', id: 'C1', name: 'general', isPrivate: false, isDm: false } as const;
    await store.putChannel({ ...general, key: OTHER, platform: 'discord', workspace: 'G1', id: 'C2', name: 'dev' });
    await store.putChannel(general);
    await store.putChannel({ ...general, members: ['U1', 'U2'], membersUpdatedAt: BASE_TS });
    await Promise.all(
      ['x', 'y', 'z'].map((id) => store.putChannel({ ...general, key: `slack:T1:${id}`, id, name: id })),
    );

    const channels = await store.listChannels();
    expect(channels.map((channel) => channel.key)).toEqual([OTHER, CHANNEL, 'slack:T1:x', 'slack:T1:y', 'slack:T1:z']);
    expect(await store.getChannel(CHANNEL)).toEqual({ ...general, members: ['U1', 'U2'], membersUpdatedAt: BASE_TS });
    expect(await store.getChannel('slack:T1:nope')).toBeUndefined();
  });

  it('empties a channel in batches: messages, every logged question and, when asked, its row and members', async () => {
    const { store } = await open();
    const general = { key: CHANNEL, platform: 'slack', workspace: 'T1', id: 'C1', name: 'general', isPrivate: false, isDm: false } as const;
    await store.putChannel({ ...general, members: ['U1'] });
    await store.putChannel({ ...general, key: OTHER, id: 'C2', name: 'other' });
    await store.putMessages(CHANNEL, Array.from({ length: 4_500 }, (_, i) => message(`m${i}`, BASE_TS + i)));
    await store.putMessages(OTHER, [message('keep', BASE_TS)]);
    await store.logQuestion({ channel: CHANNEL, text: 'by a message', ts: 1, origin: 'bot', messageId: 'm1' });
    await store.logQuestion({ channel: CHANNEL, text: 'by a slash command', ts: 2, origin: 'bot' });
    await store.logQuestion({ channel: OTHER, text: 'elsewhere', ts: 3, origin: 'bot' });

    expect(await store.clearChannel(CHANNEL, { dropChannel: false })).toEqual({ messages: 4_500, questions: 2 });
    expect(await store.countMessages(CHANNEL)).toBe(0);
    expect(await store.listQuestions(CHANNEL, 0)).toEqual([]);
    expect(await store.getChannel(CHANNEL)).toBeDefined();
    expect(await store.countMessages(OTHER)).toBe(1);
    expect(await store.listQuestions(OTHER, 0)).toHaveLength(1);

    expect(await store.clearChannel(CHANNEL, { dropChannel: true })).toEqual({ messages: 0, questions: 0 });
    expect(await store.getChannel(CHANNEL)).toBeUndefined();
    expect((await store.listChannels()).map((c) => c.key)).toEqual([OTHER]);
  });

  it('marks channels removed once each, keeps the first time, and forgets them on restoration', async () => {
    const { store } = await open();
    await store.markChannelRemoved(CHANNEL, 100);
    await store.markChannelRemoved(CHANNEL, 200);
    await store.markChannelRemoved(OTHER, 300);
    expect(await store.removedChannels()).toEqual({ [CHANNEL]: 100, [OTHER]: 300 });
    await store.clearChannelRemoved(CHANNEL);
    await store.clearChannelRemoved('slack:T1:never');
    expect(await store.removedChannels()).toEqual({ [OTHER]: 300 });
  });

  it('keeps small JSON state', async () => {
    const { store } = await open();
    expect(await store.getState('backfill:C1')).toBeUndefined();
    await store.setState('backfill:C1', { cursor: 'abc', done: false, pages: [1, 2] });
    expect(await store.getState('backfill:C1')).toEqual({ cursor: 'abc', done: false, pages: [1, 2] });
    await store.setState('backfill:C1', ':colon-leading string');
    expect(await store.getState('backfill:C1')).toBe(':colon-leading string');
    await store.deleteState('backfill:C1');
    expect(await store.getState('backfill:C1')).toBeUndefined();
  });

  it('logs questions, keeping the newest per channel', async () => {
    const { store } = await open({ questionsKept: 5 });
    const asked = [5, 1, 8, 3, 7, 2, 6, 4].map((n) => ({
      channel: CHANNEL,
      text: `question ${n}?`,
      ts: BASE_TS + n * 1000,
      origin: 'bot' as const,
      path: 'warm' as const,
    }));
    for (const question of asked) await store.logQuestion(question);
    await store.logQuestion({ channel: OTHER, text: 'elsewhere?', ts: BASE_TS, origin: 'channel' });

    const texts = (questions: { text: string }[]) => questions.map((q) => q.text);
    expect(texts(await store.listQuestions(CHANNEL, 0))).toEqual([4, 5, 6, 7, 8].map((n) => `question ${n}?`));
    expect(texts(await store.listQuestions(CHANNEL, BASE_TS + 6000))).toEqual(['question 6?', 'question 7?', 'question 8?']);
    expect(texts(await store.listQuestions(CHANNEL, 0, 2))).toEqual(['question 7?', 'question 8?']);
    expect(texts(await store.listQuestions(OTHER, 0))).toEqual(['elsewhere?']);
    expect(await store.listQuestions('slack:T1:empty', 0)).toEqual([]);
  });

  it('totals the ledger by channel and from a time, with a bounded latency sample', async () => {
    const { store } = await open({ latenciesKept: 4 });
    const dayOne = Date.UTC(2024, 2, 1, 23, 59, 59);
    const dayTwo = Date.UTC(2024, 2, 2, 0, 0, 1);
    const usage = (promptTokens: number) => ({ promptTokens, completionTokens: 10, cachedPromptTokens: 1 });
    await store.record({ channel: CHANNEL, ts: dayOne, phase: 'sleep', usage: usage(1000), pass: 'ok' });
    await store.record({ channel: CHANNEL, ts: dayOne, phase: 'sleep', usage: usage(500), pass: 'failed' });
    await store.record({ channel: CHANNEL, ts: dayTwo, phase: 'test', usage: usage(100), path: 'warm', latencyMs: 900 });
    await store.record({ channel: CHANNEL, ts: dayTwo + 1, phase: 'test', usage: usage(0), path: 'cached', latencyMs: 20, feedback: 'up' });
    await store.record({ channel: OTHER, ts: dayOne - 5, phase: 'test', usage: usage(300), path: 'cold', latencyMs: 4000 });
    await store.record({ channel: OTHER, ts: dayTwo, phase: 'test', usage: usage(0), feedback: 'down' });
    // Concurrent records lose nothing.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.record({ channel: CHANNEL, ts: dayTwo + 10 + i, phase: 'test', usage: usage(1), path: 'offline', latencyMs: 100 + i }),
      ),
    );

    const channel = await store.ledgerTotals(CHANNEL);
    expect(channel.sleep).toEqual({ promptTokens: 1500, completionTokens: 20, cachedPromptTokens: 2 });
    expect(channel.test).toEqual({ promptTokens: 110, completionTokens: 120, cachedPromptTokens: 12 });
    expect(channel.answers).toEqual({ cached: 1, verified: 0, warm: 1, cold: 0, offline: 10 });
    expect(channel.passes).toEqual({ ok: 1, failed: 1 });
    expect(channel.feedback).toEqual({ up: 1, down: 0 });
    expect(channel.latencies).toEqual([106, 107, 108, 109]);

    const all = await store.ledgerTotals();
    expect(all.test.promptTokens).toBe(410);
    expect(all.answers).toEqual({ cached: 1, verified: 0, warm: 1, cold: 1, offline: 10 });
    expect(all.feedback).toEqual({ up: 1, down: 1 });
    expect(all.latencies).toEqual([106, 107, 108, 109]);

    // sinceTs is a time, not a day: entries at or after it count.
    const secondDay = await store.ledgerTotals(CHANNEL, dayTwo);
    expect(secondDay.sleep.promptTokens).toBe(0);
    expect(secondDay.test.promptTokens).toBe(110);
    expect((await store.ledgerTotals(CHANNEL, dayTwo + 1)).test.promptTokens).toBe(10);
    const other = await store.ledgerTotals(OTHER, dayTwo);
    expect(other.test.promptTokens).toBe(0);
    expect(other.feedback.down).toBe(1);
    expect(other.latencies).toEqual([]);
    expect((await store.ledgerTotals(OTHER)).latencies).toEqual([4000]);
    expect((await store.ledgerTotals('slack:T9:none')).answers).toEqual({ cached: 0, verified: 0, warm: 0, cold: 0, offline: 0 });
    await store.record({ channel: OTHER, ts: dayTwo, phase: 'test', usage: usage(5), path: 'verified' });
    expect((await store.ledgerTotals(undefined, dayTwo)).answers.verified).toBe(1);
  });

  it('resets the daily budget at midnight in MULL_TIMEZONE across a DST change, from the ledger rows', async () => {
    const { store } = await open();
    const at = (iso: string) => Date.parse(iso);
    const sleep = (iso: string, tokens: number) =>
      store.record({ channel: CHANNEL, ts: at(iso), phase: 'sleep', usage: { promptTokens: tokens, completionTokens: 0, cachedPromptTokens: 0 }, pass: 'ok' });
    // Berlin springs forward on 2025-03-30 at 02:00 CET: that day starts at 23:00 UTC the day
    // before (UTC+1) and the next one at 22:00 UTC (UTC+2).
    await sleep('2025-03-29T22:59:59Z', 1); // 23:59:59 on the 29th in Berlin
    await sleep('2025-03-29T23:00:00Z', 10); // 00:00 on the 30th
    await sleep('2025-03-30T12:00:00Z', 100);
    await sleep('2025-03-30T21:59:59Z', 1_000); // 23:59:59 CEST on the 30th
    await store.record({ channel: CHANNEL, ts: at('2025-03-30T12:00:00Z'), phase: 'test', usage: { promptTokens: 7, completionTokens: 7, cachedPromptTokens: 0 } });

    let now = at('2025-03-30T21:00:00Z');
    const budget = new DailyBudget({
      limit: 1_200,
      timezone: 'Europe/Berlin',
      now: () => now,
      // As the engine asks it (src/engine/create-engine.ts).
      sleepTokensSince: async (since) => {
        const totals = await store.ledgerTotals(undefined, since);
        return totals.sleep.promptTokens + totals.sleep.completionTokens;
      },
    });
    // Only the 30th's entries, not the UTC day's (which would add the 1 and drop the 10).
    expect(await budget.canRunPass()).toMatchObject({ ok: true, usedToday: 1_110, remaining: 90, dayStartMs: at('2025-03-29T23:00:00Z') });
    await sleep('2025-03-30T22:00:00Z', 10_000); // 00:00 on the 31st
    now = at('2025-03-30T22:00:00Z');
    expect(await budget.canRunPass()).toMatchObject({ ok: false, usedToday: 10_000, dayStartMs: at('2025-03-30T22:00:00Z') });
  });

  it('refuses malformed input with a StoreError', async () => {
    const { store } = await open();
    await expect(store.putMessages(CHANNEL, [{ ...message('a', 1), id: '' }])).rejects.toBeInstanceOf(StoreError);
    await expect(store.putMessages(CHANNEL, [{ ...message('a', 1), ts: Number.NaN }])).rejects.toThrow(/epoch milliseconds/);
    await expect(store.readMessages(CHANNEL, { limit: -1 })).rejects.toBeInstanceOf(StoreError);
    await expect(store.acquireLock('x', -5)).rejects.toBeInstanceOf(StoreError);
    expect(await store.countMessages(CHANNEL)).toBe(0);
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import type { BackfillState } from '../../src/adapters/slack/backfill.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { seedWorkspace, startHarness, type Harness } from './harness.js';
import { openStore } from '../../src/store/open-store.js';
import { appMention, BOT_USER, eventCallback, TEAM } from './payloads.js';

const GENERAL = `slack:${TEAM}:CGENERAL`;
const stateKey = `slack:backfill:${GENERAL}`;
let h: Harness;
afterEach(async () => h?.close());

/** #general with 7 top-level messages (one a thread with 3 replies) and one of Mull's own. */
async function seededFake(): Promise<FakeSlack> {
  const fake = seedWorkspace(await FakeSlack.start());
  for (let i = 1; i <= 7; i += 1) {
    fake.addMessage('CGENERAL', { ts: `1700000000.00000${i}`, user: i % 2 ? 'UALICE' : 'UBOB', text: `message ${i}` });
  }
  const root = fake.messages.get('CGENERAL')?.[2];
  if (root) root.reply_count = 3;
  for (let r = 1; r <= 3; r += 1) {
    fake.addMessage('CGENERAL', { ts: `1700000001.00000${r}`, user: 'UBOB', text: `reply ${r}`, thread_ts: '1700000000.000003' });
  }
  fake.addMessage('CGENERAL', { ts: '1700000002.000001', user: fake.bot.userId, bot_id: fake.bot.botId, text: 'an earlier answer' });
  return fake;
}

const historyCalls = (fake: FakeSlack, channel = 'CGENERAL') =>
  fake.callsTo('conversations.history').filter((c) => c.params.channel === channel);

describe('backfill', () => {
  it('pages through history and threads with cursors, skipping its own messages', async () => {
    h = await startHarness({ fake: await seededFake(), slack: { backfill: true, backfillPageSize: 3 } });
    await h.slack.backfillDone;

    const ids = h.engine.historyIds(GENERAL);
    expect(ids.filter((id) => id.startsWith('1700000000')).sort()).toHaveLength(7);
    expect(ids.filter((id) => id.startsWith('1700000001')).sort()).toEqual(['1700000001.000001', '1700000001.000002', '1700000001.000003']);
    expect(ids).not.toContain('1700000002.000001');
    const replies = h.engine.history.flatMap((b) => b.messages).filter((m) => m.id.startsWith('1700000001'));
    expect(replies.every((m) => m.threadId === '1700000000.000003')).toBe(true);
    // 8 top-level messages at 3 a page: 3 pages, the later two with the previous page's cursor.
    const calls = historyCalls(h.fake);
    expect(calls.map((c) => Boolean(c.params.cursor))).toEqual([false, true, true]);
    expect(calls.every((c) => c.params.limit === '3')).toBe(true);
    // Other conversations the bot is in are backfilled too; the state records how far it got.
    expect(historyCalls(h.fake, 'GSECRET')).toHaveLength(1);
    expect(await h.store.getState<BackfillState>(stateKey)).toEqual({ watermark: '1700000002.000001' });
  });

  it('waits out a 429 for its Retry-After, then resumes with the same cursor', async () => {
    const fake = await seededFake();
    fake.fail('conversations.history', { status: 429, retryAfter: 1, when: (p) => p.channel === 'CGENERAL' && Boolean(p.cursor) });
    h = await startHarness({ fake, slack: { backfill: true, backfillPageSize: 3 } });
    await h.slack.backfillDone;

    const [, limited, retried] = historyCalls(h.fake);
    expect(retried.params.cursor).toBe(limited.params.cursor);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(1_000);
    expect(h.engine.historyIds(GENERAL)).toHaveLength(10);
    expect(h.logs.join('\n')).toContain('"retryAfterS":1');
  });

  it('keeps answering while backfill waits out a long Retry-After', async () => {
    const fake = await seededFake();
    fake.fail('conversations.history', { status: 429, retryAfter: 3, when: (p) => p.channel === 'CGENERAL' });
    h = await startHarness({ fake, slack: { backfill: true } });
    await fake.waitFor(() => fake.calls.some((c) => c.method === 'conversations.history'));
    const started = Date.now();
    const res = await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> still there?` })));
    expect(res.status).toBe(200);
    expect(h.fake.posted('CGENERAL')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    await h.slack.backfillDone;
  });

  it('keeps answering while backfill\'s author look-ups wait out a users.info 429', async () => {
    const fake = await seededFake();
    fake.addUser('UCAROL', 'carol');
    fake.addMessage('CGENERAL', { ts: '1700000003.000001', user: 'UCAROL', text: 'from someone not looked up yet' });
    fake.fail('users.info', { status: 429, retryAfter: 3, when: (p) => p.user === 'UCAROL' });
    h = await startHarness({ fake, slack: { backfill: true, apiRetries: 2 } });
    await fake.waitFor(() => fake.callsTo('users.info').some((c) => c.params.user === 'UCAROL'));
    const started = Date.now();
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> still there?` })));
    expect(h.fake.posted('CGENERAL')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_500);
    await h.slack.backfillDone;
    // The look-up was retried after the wait, so the backfilled message carries the name.
    expect(fake.callsTo('users.info').filter((c) => c.params.user === 'UCAROL').length).toBeGreaterThanOrEqual(2);
  });

  it('resumes after a restart from the stored cursor instead of starting over', async () => {
    const fake = await seededFake();
    const store = await openStore('memory://');
    fake.fail('conversations.history', { error: 'internal_error', when: (p) => p.channel === 'CGENERAL' && Boolean(p.cursor) });
    h = await startHarness({ fake, store, slack: { backfill: true, backfillPageSize: 3 } });
    await h.slack.backfillDone;
    const saved = await store.getState<BackfillState>(stateKey);
    expect(saved?.run?.cursor).toBeTruthy();
    expect(saved?.run?.fetched).toBe(3);
    await h.stop();

    const before = historyCalls(fake).length;
    h = await startHarness({ fake, store, slack: { backfill: true, backfillPageSize: 3 } });
    await h.slack.backfillDone;
    const after = historyCalls(fake).slice(before);
    expect(after[0].params.cursor).toBe(saved?.run?.cursor);
    expect(after.map((c) => Boolean(c.params.cursor))).toEqual([true, true]);
    expect(await store.getState<BackfillState>(stateKey)).toEqual({ watermark: '1700000002.000001' });
  });

  it('after a finished run, reads only what was said since (from the watermark)', async () => {
    const fake = await seededFake();
    const store = await openStore('memory://');
    h = await startHarness({ fake, store, slack: { backfill: true } });
    await h.slack.backfillDone;
    await h.stop();

    fake.addMessage('CGENERAL', { ts: '1700000003.000001', user: 'UALICE', text: 'said while Mull was away' });
    h = await startHarness({ fake, store, slack: { backfill: true } });
    await h.slack.backfillDone;
    expect(historyCalls(fake).at(-1)?.params.oldest).toBe('1700000002.000001');
    expect(h.engine.historyIds(GENERAL)).toEqual(['1700000003.000001']);
  });

  it('backfills a conversation when Mull is added to it', async () => {
    const fake = seedWorkspace(await FakeSlack.start());
    h = await startHarness({ fake, slack: { backfill: true } });
    await h.slack.backfillDone;
    fake.addChannel({ id: 'CNEW', name: 'new', members: ['UALICE', fake.bot.userId] });
    fake.addMessage('CNEW', { ts: '1700000005.000001', user: 'UALICE', text: 'welcome' });
    await h.event(eventCallback({ type: 'member_joined_channel', user: fake.bot.userId, channel: 'CNEW', channel_type: 'C', team: TEAM, ts: '1700000005.000002' }));
    await fake.waitFor(() => h.engine.historyIds(`slack:${TEAM}:CNEW`).length > 0);
    expect(h.engine.historyIds(`slack:${TEAM}:CNEW`)).toEqual(['1700000005.000001']);
  });
});

describe('backfill lease', () => {
  it('is renewed while a long backfill runs, so a second instance does not take the conversation over', async () => {
    const fake = await seededFake();
    const store = await openStore('memory://');
    // Each later page waits out a 1 s Retry-After: the run takes over 2 s, several lease slots of 400 ms.
    fake.fail('conversations.history', { status: 429, retryAfter: 1, times: 2, when: (p) => p.channel === 'CGENERAL' && Boolean(p.cursor) });
    const slack = { backfill: true, backfillPageSize: 3, backfillLeaseMs: 400 };
    h = await startHarness({ fake, store, slack });
    await fake.waitFor(() => historyCalls(fake).length >= 2, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // past an unrenewed lock's life (2 slots)

    const second = await startHarness({ fake, store, slack });
    try {
      await second.slack.backfillDone;
      expect(second.logs.join('\n')).toMatch(/"channel":"slack:T0MULL:CGENERAL".*slack backfill already running elsewhere/);
      expect(second.engine.historyIds(GENERAL)).toEqual([]);
    } finally {
      await second.stop();
    }
    await h.slack.backfillDone;
    // The first instance went on to the end: 3 pages, 2 of them retried once, and nobody else read #general.
    expect(historyCalls(fake)).toHaveLength(5);
    expect(h.engine.historyIds(GENERAL)).toHaveLength(10);
    expect(await store.getState<BackfillState>(stateKey)).toEqual({ watermark: '1700000002.000001' });
    await store.close();
  });
});

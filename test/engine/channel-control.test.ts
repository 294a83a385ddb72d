import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, MullError } from '../../src/core/errors.js';
import { createEngine, type RunningEngine } from '../../src/engine/create-engine.js';
import { createProvider } from '../../src/llm/create-provider.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOpenAI, type FakeLlmServer, type FakeTurn, type RecordedRequest } from '../fakes/fake-openai.js';
import { LAUNCH, message } from '../helpers/engine-harness.js';
import { isSleepRequest, promptOf, sleepReply, type ScriptedFact } from '../helpers/scripted-sleep-model.js';

/**
 * Per-channel control through the real engine (real OpenAI SDK against the fake model, real
 * memory store): settings gate and shape passes, forget drops everything learned and stored,
 * removal stops passes and purges after the grace period, a thumbs-down's reason reaches the next pass.
 */
const FACTS: ScriptedFact[] = [
  { find: 'ship v2.3 on 12 March', kind: 'decision', note: 'v2.3 ships on 12 March.', question: 'When is the launch?', answer: 'On 12 March.' },
];
const DAY = 86_400_000;

let engine: RunningEngine | undefined;
let store: Store | undefined;
let model: FakeLlmServer | undefined;
afterEach(async () => {
  await engine?.stop();
  await store?.close();
  await model?.close();
  engine = store = model = undefined;
});

async function start(options: { purgeAfterDays?: number } = {}) {
  let now = Date.UTC(2026, 2, 10, 9, 0);
  model = await startFakeOpenAI({
    reply: (request: RecordedRequest): FakeTurn =>
      isSleepRequest(request) ? sleepReply(request, FACTS) : { json: { answer: 'I do not know.', citations: [], covered: true } },
  });
  store = await openStore('memory://');
  engine = createEngine({
    store,
    provider: createProvider({ provider: 'openai', apiKey: 'sk-test', baseURL: model.url, maxRetries: 0 }),
    sleep: { model: 's', effort: 'low', nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 60, dailyTokenBudget: null },
    answer: { model: 'a' },
    purgeAfterDays: options.purgeAfterDays,
    now: () => now,
  });
  return { engine, store, model, advance: (ms: number) => (now += ms) };
}

const sleepPrompts = (m: FakeLlmServer) => m.requests.filter(isSleepRequest).map((r) => promptOf(r).user);

describe('channel settings', () => {
  it('passes off: no pass runs (quiet, nightly or /rethink) until they are back on', async () => {
    const { engine, model } = await start();
    await engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    expect(await engine.updateChannelSettings(LAUNCH.key, { passes: false })).toMatchObject({ passes: false, answers: 'public' });
    const paused = await engine.rethink(LAUNCH.key, { onDemand: true, asker: 'alice' });
    expect(paused).toMatchObject({ status: 'skipped', reason: 'passes are paused in this channel' });
    expect((await engine.runNightlyNow()).reports).toEqual([expect.objectContaining({ channel: LAUNCH.key, status: 'skipped', reason: 'passes are paused in this channel' })]);
    expect(sleepPrompts(model)).toHaveLength(0);
    await engine.updateChannelSettings(LAUNCH.key, { passes: true });
    // The refused pass gave the cooldown back: the same person may ask again at once.
    expect(await engine.rethink(LAUNCH.key, { onDemand: true, asker: 'alice' })).toMatchObject({ status: 'ok' });
    expect(sleepPrompts(model)).toHaveLength(1);
  });

  it('sleep effort per channel sets how many questions the pass anticipates', async () => {
    const { engine, model } = await start();
    await engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    await engine.updateChannelSettings(LAUNCH.key, { effort: 'high' });
    await engine.rethink(LAUNCH.key);
    expect(sleepPrompts(model)[0]).toContain('up to 20 anticipated questions');
  });

  it('a bad value is refused with a clear error and changes nothing', async () => {
    const { engine } = await start();
    await engine.updateChannelSettings(LAUNCH.key, { answers: 'asker' });
    const refused = await engine.updateChannelSettings(LAUNCH.key, { answers: 'everyone' as 'public', passes: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MullError);
    expect((refused as MullError).code).toBe(ErrorCode.BadInput);
    expect((refused as MullError).message).toContain('answers');
    expect(await engine.channelSettings(LAUNCH.key)).toEqual({ passes: true, effort: null, answers: 'asker', threadFollowUps: false });
  });
});

describe('/mull forget', () => {
  it('drops learned context, stored history and logged questions; old history stays out, new messages come in', async () => {
    const { engine, store } = await start();
    const old = [message('We decided to ship v2.3 on 12 March.'), message('Venue is Hall B.')];
    await engine.ingestHistory(LAUNCH, old);
    await engine.rethink(LAUNCH.key);
    await engine.ask({ asker: 'bob', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'What is the venue?', questionMessageId: 'q1' });
    // Asked with no message behind it (a slash command in the channel): forgotten all the same.
    await engine.ask({ asker: 'bob', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'Who booked Hall B?' });
    expect((await store.getLearned(LAUNCH.key))?.notes.length).toBeGreaterThan(0);
    expect(await store.listQuestions(LAUNCH.key, 0)).toHaveLength(2);

    const report = await engine.forget(LAUNCH.key);
    expect(report).toMatchObject({ channel: LAUNCH.key, messages: 2, notes: 1, anticipated: 1, questions: 2 });
    expect(await store.countMessages(LAUNCH.key)).toBe(0);
    expect(await store.listQuestions(LAUNCH.key, 0)).toHaveLength(0);
    const learned = await store.getLearned(LAUNCH.key);
    expect(learned).toMatchObject({ summary: '', notes: [], questions: [], watermark: null });
    const answer = await engine.ask({ asker: 'bob', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?', private: true });
    expect(answer.path).not.toBe('cached');

    // A backfill replaying the old history adds nothing; what is said afterwards is kept.
    expect(await engine.ingestHistory(LAUNCH, old)).toEqual({ added: 0 });
    await engine.ingest({ type: 'message', channel: LAUNCH, message: { ...message('Fresh start.'), ts: Date.now() + DAY } });
    expect(await store.countMessages(LAUNCH.key)).toBe(1);
  });

  it('with refill, a fresh backfill may bring the history back', async () => {
    const { engine, store } = await start();
    const old = [message('We decided to ship v2.3 on 12 March.')];
    await engine.ingestHistory(LAUNCH, old);
    await engine.forget(LAUNCH.key, { refill: true });
    expect(await engine.ingestHistory(LAUNCH, old)).toEqual({ added: 1 });
    expect(await store.countMessages(LAUNCH.key)).toBe(1);
  });
});

describe('removed from a channel', () => {
  it('passes stop at once; history and learned context are purged after the grace period', async () => {
    const { engine, store, model, advance } = await start({ purgeAfterDays: 30 });
    await engine.ingestHistory(LAUNCH, [message('We decided to ship v2.3 on 12 March.')]);
    await engine.rethink(LAUNCH.key);
    await engine.channelRemoved(LAUNCH.key);
    await engine.ingest({ type: 'message', channel: LAUNCH, message: message('Late message.') });
    expect(await engine.rethink(LAUNCH.key)).toMatchObject({ status: 'skipped', reason: 'Mull was removed from this channel' });
    expect(sleepPrompts(model)).toHaveLength(1);
    const [overview] = await engine.overview([LAUNCH.key]);
    expect(overview!.removed?.purgeAt).toBe(overview!.removed!.at + 30 * DAY);

    advance(29 * DAY);
    expect(await engine.purgeRemoved()).toEqual([]);
    expect(await store.countMessages(LAUNCH.key)).toBe(2);
    advance(1 * DAY);
    expect(await store.getChannel(LAUNCH.key)).toBeDefined();
    expect(await engine.purgeRemoved()).toEqual([LAUNCH.key]);
    expect(await store.countMessages(LAUNCH.key)).toBe(0);
    expect(await store.getLearned(LAUNCH.key)).toMatchObject({ notes: [], questions: [], summary: '' });
    // Its name and member list go too: Mull is no longer in it.
    expect(await store.getChannel(LAUNCH.key)).toBeUndefined();
    expect((await store.listChannels()).map((c) => c.key)).not.toContain(LAUNCH.key);
    expect(await engine.purgeRemoved()).toEqual([]);
  });

  it('removals handled by two processes at once are all kept (one row each, no list rewritten whole)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mull-removal-'));
    const stores = await Promise.all([0, 1].map(() => openStore(`sqlite://${join(folder, 'mull.sqlite')}`)));
    const engines = stores.map((s) =>
      createEngine({
        store: s, provider: null,
        sleep: { model: 's', effort: 'low', nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 60, dailyTokenBudget: null },
        answer: { model: 'a' },
      }),
    );
    try {
      const channels = Array.from({ length: 20 }, (_, i) => `console:local:gone-${i}`);
      await Promise.all(channels.map((channel, i) => engines[i % 2]!.channelRemoved(channel)));
      expect(Object.keys(await stores[0]!.removedChannels()).sort()).toEqual([...channels].sort());
      await Promise.all(channels.slice(0, 10).map((channel, i) => engines[i % 2]!.channelRestored(channel)));
      expect(Object.keys(await stores[1]!.removedChannels()).sort()).toEqual(channels.slice(10).sort());
    } finally {
      await Promise.all(engines.map((e) => e.stop()));
      await Promise.all(stores.map((s) => s.close()));
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('added back within the grace period: nothing is purged and passes resume', async () => {
    const { engine, store, advance } = await start({ purgeAfterDays: 30 });
    await engine.ingestHistory(LAUNCH, [message('We decided to ship v2.3 on 12 March.')]);
    await engine.channelRemoved(LAUNCH.key);
    advance(10 * DAY);
    await engine.channelRestored(LAUNCH.key);
    advance(30 * DAY);
    expect(await engine.purgeRemoved()).toEqual([]);
    expect(await store.countMessages(LAUNCH.key)).toBe(1);
    expect(await engine.rethink(LAUNCH.key)).toMatchObject({ status: 'ok' });
  });
});

describe('a thumbs-down with its reason', () => {
  it('marks the prepared answer for review (no longer served) and reaches the next pass', async () => {
    const { engine, store, model } = await start();
    await engine.ingestHistory(LAUNCH, [message('We decided to ship v2.3 on 12 March.')]);
    await engine.rethink(LAUNCH.key);
    const served = await engine.ask({ asker: 'bob', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?', private: true });
    expect(served.path).toBe('cached');

    await engine.recordFeedbackReason({
      channel: LAUNCH.key, question: 'When is the launch?', answer: served.text, reason: 'It moved to 14 March in the standup.',
      answerId: '1700.1', user: 'bob',
    });
    const learned = (await store.getLearned(LAUNCH.key))!;
    expect(learned.questions.find((q) => q.question === 'When is the launch?')?.stale).toBe(true);
    expect(learned.rework.length).toBeGreaterThan(0);
    const again = await engine.ask({ asker: 'bob', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?', private: true });
    expect(again.path).not.toBe('cached');

    await engine.rethink(LAUNCH.key);
    const prompt = sleepPrompts(model).at(-1)!;
    // In a section of its own, not among the questions people asked.
    const wrong = prompt.split('# Answers readers marked wrong')[1]?.split('\n# ')[0] ?? '';
    expect(wrong).toContain('It moved to 14 March in the standup.');
    expect(wrong).toContain('When is the launch?');
    expect(prompt.split('# Questions people actually asked')[1]?.split('\n# ')[0] ?? '').not.toContain('It moved to 14 March');
  });

  it('asked in a DM and judged there, reviews the prepared answer it came from by its id, in the channel that prepared it', async () => {
    const { engine, store } = await start();
    await engine.ingestHistory(LAUNCH, [message('We decided to ship v2.3 on 12 March.')]);
    await engine.rethink(LAUNCH.key);
    const dm = 'console:local:dm-bob';
    const served = await engine.ask({ asker: 'bob', askedIn: dm, scope: [LAUNCH.key], question: 'When is the launch?', private: true });
    expect(served.path).toBe('cached');
    const prepared = served.prepared!;
    expect(prepared.channel).toBe(LAUNCH.key);
    // The platform kept a shortened text: no longer the prepared text, still the same answer.
    await engine.recordFeedbackReason({
      channel: dm, question: 'When is the launch?', answer: `${served.text.slice(0, 8)}…`, reason: 'Wrong date.', answerId: '1700.2', user: 'bob', prepared,
    });
    const learned = (await store.getLearned(LAUNCH.key))!;
    expect(learned.questions.find((q) => q.id === prepared.questionId)?.stale).toBe(true);
  });
});

describe('App Home figures', () => {
  it('per channel: settings, last pass, notes, prepared answers, top questions and this week\'s tokens', async () => {
    const { engine } = await start();
    await engine.ingestHistory(LAUNCH, [message('We decided to ship v2.3 on 12 March.')]);
    await engine.rethink(LAUNCH.key);
    await engine.ask({ asker: 'bob', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'Who owns the venue?', private: true });
    const [row] = await engine.overview([LAUNCH.key, 'console:local:unknown']);
    expect(row).toMatchObject({ channel: LAUNCH.key, name: 'launch', notes: 1, prepared: 1, topQuestions: ['When is the launch?'] });
    expect(row!.lastPassAt).toBeTypeOf('number');
    expect(row!.week.sleepTokens).toBeGreaterThan(0);
    expect(row!.week.answerTokens).toBeGreaterThan(0);
    expect(await engine.expectedQuestions([LAUNCH.key], 5)).toEqual([{ channel: LAUNCH.key, question: 'When is the launch?' }]);
    expect(await engine.expectedQuestions([], 5)).toEqual([]);
  });
});

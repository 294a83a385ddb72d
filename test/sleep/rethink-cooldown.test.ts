import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { rethinkCommand } from '../../src/cli/rethink-command.js';
import { loadConfig } from '../../src/config.js';
import type { Channel } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { COOLDOWN_REASON, NOTHING_NEW_REASON, RethinkCooldown, waitInWords } from '../../src/sleep/rethink-cooldown.js';
import { LAUNCH, message, startHarness, type Harness } from '../helpers/engine-harness.js';
import { isSleepRequest, sleepReply, type ScriptedFact } from '../helpers/scripted-sleep-model.js';

const GENERAL = 'slack:T1:CGENERAL';
const RANDOM = 'slack:T1:CRANDOM';
const MINUTE = 60_000;

let store: Store | undefined;
let h: Harness | undefined;
afterEach(async () => {
  await store?.close();
  await h?.close();
  store = undefined;
  h = undefined;
});

describe('RethinkCooldown', () => {
  it('lets one person ask once per user cooldown and a channel have one on-demand pass per channel cooldown', async () => {
    store = await openStore('memory://');
    let now = Date.UTC(2026, 0, 5, 9);
    const cooldown = new RethinkCooldown(store, { userMs: 10 * MINUTE, channelMs: 30 * MINUTE }, () => now);

    expect((await cooldown.claim(GENERAL, 'UALICE')).ok).toBe(true);
    now += 4 * MINUTE;
    // Somebody else in the same channel: the channel's cooldown, with the time left.
    expect(await cooldown.claim(GENERAL, 'UBOB')).toEqual({ ok: false, scope: 'channel', retryAfterMs: 26 * MINUTE });
    // The same person in another channel: their own cooldown.
    expect(await cooldown.claim(RANDOM, 'UALICE')).toEqual({ ok: false, scope: 'user', retryAfterMs: 6 * MINUTE });
    // That refusal took nothing: #random's cooldown did not start, so Bob may rethink it.
    expect((await cooldown.claim(RANDOM, 'UBOB')).ok).toBe(true);
    // The CLI (no asker) is held by the channel cooldown only.
    expect(await cooldown.claim(RANDOM)).toMatchObject({ ok: false, scope: 'channel' });
  });

  it('gives both cooldowns back when the pass spent nothing, and expires them after their time', async () => {
    store = await openStore('memory://');
    const cooldown = new RethinkCooldown(store, { userMs: 150, channelMs: 300 });
    const first = await cooldown.claim(GENERAL, 'UALICE');
    if (!first.ok) throw new Error('expected the first claim to pass');
    await first.giveBack();
    expect((await cooldown.claim(GENERAL, 'UALICE')).ok).toBe(true);
    expect((await cooldown.claim(GENERAL, 'UBOB')).ok).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await cooldown.claim(GENERAL, 'UBOB')).ok).toBe(true);
  });

  it('0 turns a cooldown off', async () => {
    store = await openStore('memory://');
    const cooldown = new RethinkCooldown(store, { userMs: 0, channelMs: 0 });
    for (let i = 0; i < 3; i++) expect((await cooldown.claim(GENERAL, 'UALICE')).ok).toBe(true);
  });

  it('says the wait in words', () => {
    expect(waitInWords(20_000)).toBe('in a minute');
    expect(waitInWords(26 * MINUTE)).toBe('in 26 minutes');
    expect(waitInWords(180 * MINUTE)).toBe('in 3 hours');
  });
});

const FACTS: ScriptedFact[] = [
  { find: 'ship v2.3 on 12 March', kind: 'decision', note: 'v2.3 ships on 12 March.', question: 'When is the launch?', answer: 'The launch is on 12 March.' },
];
const OTHER: Channel = { ...LAUNCH, key: 'console:local:design', id: 'design', name: 'design' };

/** The real engine with a model (the fake OpenAI server), on the memory store. */
async function engineWithModel(cooldowns: { user: number; channel: number }): Promise<Harness> {
  return startHarness({
    storeUrl: 'memory://',
    reply: (request) => (isSleepRequest(request) ? sleepReply(request, FACTS) : { json: { answer: 'ok', citations: [], covered: true } }),
    sleep: { rethinkUserCooldownMinutes: cooldowns.user, rethinkChannelCooldownMinutes: cooldowns.channel },
  });
}

const sleepCalls = (harness: Harness) => harness.model!.requests.filter(isSleepRequest).length;

describe('Engine.rethink on request', () => {
  it('with nothing new and no topic runs no pass and starts no cooldown; with a topic it runs one', async () => {
    h = await engineWithModel({ user: 10, channel: 30 });
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok'); // a system pass: no cooldown
    const before = sleepCalls(h);

    const idle = await h.engine.rethink(LAUNCH.key, { onDemand: true, asker: 'alice' });
    expect(idle).toMatchObject({ status: 'skipped', reason: NOTHING_NEW_REASON, tokens: 0 });
    expect(sleepCalls(h)).toBe(before);

    // Alice's turn was not used up by the refusal: a topic runs a pass although nothing is new.
    const focused = await h.engine.rethink(LAUNCH.key, { topic: 'the launch date', onDemand: true, asker: 'alice' });
    expect(focused.status).toBe('ok');
    expect(focused.tokens).toBeGreaterThan(0);
    expect(sleepCalls(h)).toBe(before + 1);

    // Now both cooldowns run: Bob in the same channel, and Alice elsewhere, are told when to retry.
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('Launch retro is on Friday.', 'bob') });
    await h.engine.ingest({ type: 'message', channel: OTHER, message: message('New logo drafts are in.', 'carol') });
    const bob = await h.engine.rethink(LAUNCH.key, { onDemand: true, asker: 'bob' });
    expect(bob).toMatchObject({ status: 'skipped', reason: COOLDOWN_REASON, cooldown: { scope: 'channel' } });
    expect(bob.cooldown!.retryAfterMs).toBeGreaterThan(29 * MINUTE);
    const alice = await h.engine.rethink(OTHER.key, { onDemand: true, asker: 'alice' });
    expect(alice).toMatchObject({ status: 'skipped', reason: COOLDOWN_REASON, cooldown: { scope: 'user' } });
    expect(sleepCalls(h)).toBe(before + 1);
    // Scheduled passes are not held back by cooldowns.
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok');
  });

  it('a pass refused by the daily budget costs nobody their turn', async () => {
    h = await startHarness({
      storeUrl: 'memory://',
      reply: (request) => (isSleepRequest(request) ? sleepReply(request, FACTS) : { json: { answer: 'ok', citations: [], covered: true } }),
      sleep: { dailyTokenBudget: 1 },
    });
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok'); // spends past the cap
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('The launch moves to 19 March.') });
    const refused = await h.engine.rethink(LAUNCH.key, { onDemand: true, asker: 'alice' });
    expect(refused).toMatchObject({ status: 'skipped', reason: 'budget spent' });
    // Given back: the channel and Alice are free, so the next refusal is the budget again, not a cooldown.
    expect(await h.engine.rethink(LAUNCH.key, { onDemand: true, asker: 'alice' })).toMatchObject({ reason: 'budget spent' });
  });
});

describe('mull rethink', () => {
  it('is held by the channel cooldown, and says plainly when a channel has nothing new', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mull-rethink-'));
    try {
      const config = loadConfig({ MULL_STORE_URL: `sqlite://${join(dir, 'mull.sqlite')}`, MULL_LLM_PROVIDER: 'none', LOG_LEVEL: 'silent' });
      const say = async (text: string) => {
        const seeded = await openStore(config.storeUrl);
        await seeded.putChannel(LAUNCH);
        await seeded.putMessages(LAUNCH.key, [message(text)]);
        await seeded.close();
      };
      const run = async (options: { channel?: string; topic?: string } = {}) => {
        const out = new PassThrough();
        let text = '';
        out.on('data', (chunk) => (text += String(chunk)));
        const ok = await rethinkCommand(config, options, out);
        return { ok, text };
      };
      await say('We decided to ship v2.3 on 12 March.');
      expect((await run()).text).toContain('#launch: Pass done');
      expect((await run({ channel: 'launch' })).text).toBe('#launch: Pass skipped: nothing new since the last pass.\n');
      await say('The launch moves to 19 March.');
      const held = await run();
      expect(held).toEqual({ ok: true, text: '#launch: Pass skipped: cooling down; another on-demand pass can run in 30 minutes.\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

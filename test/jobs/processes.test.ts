/**
 * Many processes, one team (issue 12): real `mull start` processes sharing the real Redis (the
 * queue, under a prefix of their own) and one store (PostgreSQL in a schema of its own, as a
 * deployment of several processes would run; the SQLite file where one machine runs without
 * Redis), against the fake Slack and a fake sleep
 * model that counts overlapping passes. Every process, key and folder is removed afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { seedWorkspace } from '../slack/harness.js';
import { appMention, BOT_USER, eventCallback, message, slashCommand } from '../slack/payloads.js';
import { postCommand, postEvent, SIGNING_SECRET } from '../slack/signed.js';
import { describeService, dropPostgresSchema, postgresSchemaUrl, postgresUnreachable, uniqueName } from '../store/services.js';
import { startCountingModel, type CountingModel } from './counting-model.js';
import { freePort, startMull, stopAll, until, type MullProcess } from './mull-process.js';
import { deleteKeys, REDIS_URL, redisUnreachable, testPrefix } from './redis-helpers.js';

const FACTS = [
  { find: 'launch budget', note: 'The launch budget is 40k dollars.', question: 'What is the launch budget?' },
  { find: 'falcon', note: 'Falcon ships on March 10.', question: 'When does falcon ship?' },
  { find: 'billing', note: 'Dana owns billing.', question: 'Who owns billing?' },
];
const GENERAL = 'slack:T0MULL:CGENERAL';

let cwd = '';
let prefix = '';
let storeUrl = '';
let schema = '';
let model: CountingModel | undefined;
let slack: FakeSlack | undefined;
let store: Store | undefined;
afterEach(async () => {
  await stopAll();
  await store?.close();
  await model?.server.close();
  await slack?.close();
  if (prefix) await deleteKeys(prefix);
  if (schema) await dropPostgresSchema(schema);
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  store = model = slack = undefined;
  cwd = prefix = storeUrl = schema = '';
});

async function setup(passMs: number, holdFirstPass?: Promise<void>, engine: 'postgres' | 'sqlite' = 'postgres'): Promise<void> {
  cwd = mkdtempSync(join(tmpdir(), 'mull-jobs-'));
  if (engine === 'postgres') {
    schema = uniqueName('jobs');
    storeUrl = postgresSchemaUrl(schema);
  } else {
    storeUrl = `sqlite://${join(cwd, 'mull.sqlite')}`;
  }
  prefix = testPrefix('proc');
  model = await startCountingModel({ passMs, facts: FACTS, holdFirstPass });
  slack = seedWorkspace(await FakeSlack.start());
}

/** What every process of the deployment shares. */
function sharedEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MULL_STORE_URL: storeUrl,
    MULL_REDIS_URL: REDIS_URL,
    MULL_QUEUE_PREFIX: prefix,
    OPENAI_BASE_URL: model!.server.url,
    OPENAI_API_KEY: 'sk-test',
    MULL_LLM_MAX_RETRIES: '0',
    MULL_QUIET_MINUTES: '60',
    MULL_RETHINK_USER_COOLDOWN_MINUTES: '0',
    MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES: '0',
    MULL_HEALTH_PORT: '0',
    ...extra,
  };
}

async function slackBot(name: string, extra: Record<string, string> = {}): Promise<{ proc: MullProcess; events: string }> {
  const port = await freePort();
  const proc = startMull(name, ['start'], sharedEnv({
    SLACK_BOT_TOKEN: slack!.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack!.apiUrl, PORT: String(port), ...extra,
  }), cwd);
  await proc.waitFor('Slack: listening');
  return { proc, events: `http://127.0.0.1:${port}/slack/events` };
}

async function seedGeneral(): Promise<Store> {
  store = await openStore(storeUrl);
  await store.putChannel({ key: GENERAL, platform: 'slack', workspace: 'T0MULL', id: 'CGENERAL', name: 'general', isPrivate: false, isDm: false });
  const texts = ['The launch budget is 40k dollars.', 'The falcon release ships on March 10.', 'Dana owns billing from now on.'];
  await store.putMessages(GENERAL, texts.map((text, i) => ({ id: `170000000${i}.000100`, ts: 1_700_000_000_000 + i * 1000, user: 'UBOB', userName: 'bob', text })));
  return store;
}

describeService('Redis and PostgreSQL (processes sharing the pass queue and the store)', (await redisUnreachable()) ?? (await postgresUnreachable()), () => {
  it('/rethink sent to two bot processes at once: never two passes of the channel together, exactly one follow-up', async () => {
    await setup(1_500);
    await seedGeneral();
    const one = await slackBot('bot-1');
    const two = await slackBot('bot-2');
    const rethink = (events: string, id: string, topic: string) =>
      postCommand(events, slashCommand({ command: '/rethink', text: topic, channel: 'CGENERAL', user: 'UALICE', responseUrl: slack!.responseUrl(id) }));
    expect((await rethink(one.events, 'r1', 'launch')).status).toBe(200);
    await until(() => model!.passes.length === 1, 'the first pass to reach the model');
    const acks = await Promise.all([rethink(one.events, 'r2', 'budget'), rethink(two.events, 'r3', 'billing'), rethink(two.events, 'r4', 'launch')]);
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200]);
    await until(() => ['r1', 'r2', 'r3', 'r4'].every((id) => slack!.responses.some((r) => r.id === id && !/thinking/i.test(JSON.stringify(r.body)))), 'four /rethink reports', 20_000);
    expect(model!.passes).toHaveLength(2);
    expect(model!.maxOverlap('general')).toBe(1);
    expect((await store!.getLearned(GENERAL))?.version).toBe(2);
    // HTTP mode's /healthz on a replica: its role and the shared queue, store and Redis answering.
    const health = await fetch(one.events.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, role: 'all', store: true, redis: true, queue: { kind: 'bullmq', active: 0, waiting: 0 } });
  }, 60_000);

  it('a worker killed with SIGKILL mid-pass: the other worker runs the job again and the learned context is whole', async () => {
    // The model holds the first pass until its worker is dead, however slowly processes start.
    let release!: () => void;
    await setup(1_000, new Promise<void>((resolve) => (release = resolve)));
    await seedGeneral();
    const env = sharedEnv({ MULL_JOB_LOCK_MS: '1500' });
    const first = startMull('worker-1', ['start', '--role', 'worker'], env, cwd);
    await first.waitFor('Worker: running');
    const cli = startMull('rethink', ['rethink', '--channel', 'general', '--topic', 'launch'], env, cwd);
    await until(() => model!.passes.length === 1, 'the pass to reach the model');
    const second = startMull('worker-2', ['start', '--role', 'worker'], env, cwd);
    await second.waitFor('Worker: running');
    first.kill('SIGKILL');
    await first.exited;
    release();
    // The worker's /healthz: its role, the shared queue's figures, store and Redis answering.
    const port = /\/healthz on port (\d+)/.exec(second.stderr())![1];
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, role: 'worker', store: true, redis: true, queue: { kind: 'bullmq', active: expect.any(Number), waiting: expect.any(Number) } });
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).not.toMatch(/failed|queued/);
    expect(model!.passes).toHaveLength(2);
    expect(model!.maxOverlap('general')).toBe(1);
    const learned = await store!.getLearned(GENERAL);
    expect(learned?.version).toBe(1);
    expect(learned?.notes.map((n) => n.text).sort()).toEqual(FACTS.map((f) => f.note).sort());
    expect(learned?.questions).toHaveLength(3);
  }, 60_000);

  it('the nightly schedule fires once per firing across four processes', async () => {
    await setup(100);
    await seedGeneral();
    const env = sharedEnv({ MULL_NIGHTLY_CRON: '*/2 * * * * *' });
    const procs = [0, 1, 2, 3].map((i) => startMull(`worker-${i}`, ['start', '--role', 'worker'], env, cwd));
    for (const proc of procs) await proc.waitFor('Worker: running');
    // The store has one channel needing a pass; each firing lists it until a pass has read it.
    await until(() => model!.passes.length >= 1, 'the nightly pass', 10_000).catch((error) => {
      throw new Error(`${error.message}\n${procs.map((p) => `${p.name}: ${p.stderr()}`).join('\n')}`);
    });
    const firstAt = model!.passes[0]!.start;
    // Two more seconds: with a sweep per process there would be four passes from the first firing.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(model!.passes.filter((p) => p.start - firstAt < 1_000)).toHaveLength(1);
    expect(model!.passes).toHaveLength(1);
    // New messages: the next firing passes the channel again, once.
    await store!.putMessages(GENERAL, [{ id: '1700000009.000100', ts: 1_700_000_009_000, user: 'UBOB', text: 'The falcon release slips to March 12.' }]);
    await until(() => model!.passes.length >= 2, 'the next nightly pass', 6_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(model!.passes).toHaveLength(2);
  }, 60_000);

  it('the daily budget is not exceeded with two workers racing over six channels', async () => {
    await setup(600);
    const seeded = await seedGeneral();
    for (const i of [1, 2, 3, 4, 5]) {
      const key = `slack:T0MULL:C${i}`;
      await seeded.putChannel({ key, platform: 'slack', workspace: 'T0MULL', id: `C${i}`, name: `room-${i}`, isPrivate: false, isDm: false });
      await seeded.putMessages(key, [{ id: '1700000000.000100', ts: 1_700_000_000_000, user: 'UBOB', text: `The launch budget is ${i}0k dollars.` }]);
    }
    // A pass costs 1,200 tokens at the fake model and reserves as much: two fit in 3,000, three do not.
    const env = sharedEnv({ MULL_NIGHTLY_CRON: '*/2 * * * * *', MULL_DAILY_TOKEN_BUDGET: '3000', MULL_PASS_TOKEN_RESERVE: '1200', MULL_WORKSPACE_CONCURRENCY: '6' });
    const workers = [startMull('worker-1', ['start', '--role', 'worker'], env, cwd), startMull('worker-2', ['start', '--role', 'worker'], env, cwd)];
    for (const worker of workers) await worker.waitFor('Worker: running');
    await until(() => model!.passes.length >= 2, 'two passes', 10_000);
    // Two more firings find four channels still waiting, and no budget for them.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(model!.passes).toHaveLength(2);
    const totals = await seeded.ledgerTotals(undefined, 0);
    expect(totals.sleep.promptTokens + totals.sleep.completionTokens).toBe(2_400);
    expect(workers.map((w) => w.stderr()).join('\n')).toContain('daily token budget spent');
  }, 60_000);

  it('the same signed Slack event delivered to two bot processes is answered once; 20 mentions over both, each once', async () => {
    await setup(100);
    const one = await slackBot('bot-1');
    const two = await slackBot('bot-2');
    await postEvent(one.events, eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', ts: '1700000000.000100', text: 'The launch budget is 40k dollars.' })));
    const mention = (i: number) => eventCallback(
      appMention({ channel: 'CGENERAL', user: 'UALICE', ts: `17000001${String(i).padStart(2, '0')}.000100`, text: `<@${BOT_USER}> what is the launch budget? (${i})` }),
      `EvDup${i}-${prefix}`,
    );
    // A retry landing on the other replica: same event id, same mention.
    const retried = mention(0);
    await Promise.all([postEvent(one.events, retried), postEvent(two.events, retried, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => postEvent(i % 2 ? one.events : two.events, mention(i + 1))));
    // Streamed (chat.startStream … stopStream) or posted whole: whichever the answer's speed chose.
    const answersTo = (ts: string) => slack!.finished('CGENERAL').filter((p) => p.thread_ts === ts && p.text.includes('40k'));
    const thread = (i: number) => `17000001${String(i).padStart(2, '0')}.000100`;
    await until(() => Array.from({ length: 21 }, (_, i) => answersTo(thread(i)).length).every((n) => n >= 1), '21 answers', 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Array.from({ length: 21 }, (_, i) => answersTo(thread(i)).length)).toEqual(Array(21).fill(1));
  }, 60_000);
});

// One machine, no Redis (the default): the bot and a `mull rethink` from the CLI on one SQLite
// file are two processes, and the store's pass lock keeps them off a channel at once, so the same
// pass is never paid for twice.
it('without Redis, the bot and `mull rethink` on one SQLite file never pass the same channel at once', async () => {
  await setup(6_000, undefined, 'sqlite');
  await seedGeneral();
  const { MULL_REDIS_URL: _none, MULL_QUEUE_PREFIX: _prefix, ...env } = sharedEnv();
  const port = await freePort();
  const bot = startMull('bot', ['start'], { ...env, SLACK_BOT_TOKEN: slack!.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack!.apiUrl, PORT: String(port) }, cwd);
  await bot.waitFor('Slack: listening');
  await postCommand(`http://127.0.0.1:${port}/slack/events`, slashCommand({ command: '/rethink', text: 'launch', channel: 'CGENERAL', user: 'UALICE', responseUrl: slack!.responseUrl('r1') }));
  await until(() => model!.passes.length === 1, 'the bot pass to reach the model');
  const cli = startMull('rethink', ['rethink', '--channel', 'general', '--topic', 'budget'], env, cwd);
  await cli.exited;
  expect(cli.stderr()).toMatch(/busy|another/i);
  expect(model!.passes).toHaveLength(1);
  await until(() => slack!.responses.some((r) => r.id === 'r1' && /launch budget|40k/i.test(JSON.stringify(r.body))), 'the /rethink report');
  // Once the bot's pass is done, the CLI's runs.
  const again = startMull('rethink-2', ['rethink', '--channel', 'general', '--topic', 'budget'], env, cwd);
  expect(await again.exited).toBe(0);
  expect(model!.passes).toHaveLength(2);
  expect(model!.maxOverlap('general')).toBe(1);
}, 60_000);

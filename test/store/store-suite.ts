import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import type { LearnedContext, StoredMessage } from '../../src/core/types.js';
import { KeyvStore, type KeyvStoreOptions } from '../../src/store/keyv-store.js';
import type { KvBackend } from '../../src/store/kv.js';
import { LearnedVersionConflictError } from '../../src/store/learned-contexts.js';
import { openKeyValueStore } from '../../src/store/open-kv.js';
import { openStore } from '../../src/store/open-store.js';
import { CountingKeyValueStore } from './counting-kv.js';
import { uniqueNamespace } from './services.js';

export interface StoreTarget {
  backend: KvBackend;
  /** The store URL; every test opens it under its own namespace. */
  url: string;
  /** Whether two stores opened on the same URL and namespace see the same data (not memory://). */
  shared: boolean;
  /** Removes a namespace's keys after its test, for servers that outlive the run. */
  drop?: (namespace: string) => Promise<void>;
}

const CHANNEL = 'slack:T1:C1';
const OTHER = 'discord:G1:C2';
/** 2023-11-14T22:13:20Z */
const BASE_TS = 1_700_000_000_000;

/** A message whose id, like Slack's, is its time: `seconds.microseconds`. */
function slackMessage(i: number, text = `message ${i}`): StoredMessage {
  const ts = BASE_TS + i * 10;
  const id = `${Math.floor(ts / 1000)}.${String((ts % 1000) * 1000).padStart(6, '0')}`;
  return { id, ts, user: `U${i % 7}`, text };
}

function message(id: string, ts: number, text = `text of ${id}`): StoredMessage {
  return { id, ts, user: 'U1', text };
}

function learned(version: number, summary = `v${version}`): LearnedContext {
  return {
    channel: CHANNEL,
    version,
    committedAt: BASE_TS + version,
    watermark: { ts: BASE_TS + version, id: `m${version}` },
    summary,
    notes: [],
    questions: [],
    source: 'offline',
  };
}

/** A small deterministic PRNG (mulberry32), so a failing random run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function byPosition(a: StoredMessage, b: StoredMessage): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The behaviour every backend must share. Call inside a describe block. */
export function storeSuite(target: StoreTarget): void {
  const opened: { store: KeyvStore; namespace: string }[] = [];

  /** A store in a fresh namespace (or `namespace`, to share one), over a round-trip counter. */
  async function open(options: KeyvStoreOptions & { namespace?: string } = {}) {
    const { namespace = uniqueNamespace(target.backend), ...storeOptions } = options;
    const kv = new CountingKeyValueStore(await openKeyValueStore(target.url, { namespace }));
    const store = new KeyvStore(kv, storeOptions);
    opened.push({ store, namespace });
    return { store, kv, namespace };
  }

  afterEach(async () => {
    const namespaces = new Set(opened.map((entry) => entry.namespace));
    await Promise.all(opened.splice(0).map((entry) => entry.store.close()));
    if (target.drop) for (const namespace of namespaces) await target.drop(namespace);
  });

  it('opens through openStore and reports its backend', async () => {
    const namespace = uniqueNamespace(target.backend);
    const store = await openStore(target.url, { namespace });
    try {
      expect(store.backend).toBe(target.backend);
      await store.setState('hello', { n: 1 });
      expect(await store.getState('hello')).toEqual({ n: 1 });
    } finally {
      await store.close();
      await target.drop?.(namespace);
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

  it('re-importing the same messages adds nothing; changed ones count as updated', async () => {
    const { store } = await open();
    const history = Array.from({ length: 1000 }, (_, i) => slackMessage(i));
    expect(await store.putMessages(CHANNEL, history)).toEqual({ added: 1000, updated: 0, unchanged: 0 });
    expect(await store.putMessages(CHANNEL, history)).toEqual({ added: 0, updated: 0, unchanged: 1000 });
    // Same content with keys in another order and an explicit undefined is still unchanged.
    const reordered = history.slice(0, 10).map(({ text, user, ts, id }) => ({ text, user, ts, id, threadId: undefined }));
    expect(await store.putMessages(CHANNEL, reordered)).toEqual({ added: 0, updated: 0, unchanged: 10 });

    const changed = [slackMessage(5, 'edited five'), { ...slackMessage(500), userName: 'Ada' }, slackMessage(1000)];
    expect(await store.putMessages(CHANNEL, changed)).toEqual({ added: 1, updated: 2, unchanged: 0 });
    expect(await store.countMessages(CHANNEL)).toBe(1001);
    expect((await store.getMessage(CHANNEL, slackMessage(5).id))?.text).toBe('edited five');
    expect((await store.getMessage(CHANNEL, slackMessage(500).id))?.userName).toBe('Ada');
    // A batch naming one id twice keeps the last.
    expect(await store.putMessages(CHANNEL, [message('dup', 1, 'first'), message('dup', 1, 'second')])).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
    });
    expect((await store.getMessage(CHANNEL, 'dup'))?.text).toBe('second');
  });

  it('stores 100,000 messages and reads them back in order in a bounded number of round trips', async () => {
    const { store, kv } = await open();
    // Shuffled in blocks so the import is neither sorted nor one message per call.
    const history = Array.from({ length: 100_000 }, (_, i) => slackMessage(i));
    const shuffled = [...history.slice(50_000), ...history.slice(0, 50_000)];

    kv.reset();
    let started = performance.now();
    expect(await store.putMessages(CHANNEL, shuffled)).toEqual({ added: 100_000, updated: 0, unchanged: 0 });
    const putMs = performance.now() - started;
    const putTrips = kv.roundTrips;

    kv.reset();
    started = performance.now();
    const read = await store.readMessages(CHANNEL);
    const readMs = performance.now() - started;
    const readTrips = kv.roundTrips;
    expect(read.length).toBe(100_000);
    for (let i = 0; i < read.length; i += 1) {
      if (read[i].id !== history[i].id) throw new Error(`message ${i} is ${read[i].id}, expected ${history[i].id}`);
    }

    kv.reset();
    started = performance.now();
    expect(await store.putMessages(CHANNEL, history)).toEqual({ added: 0, updated: 0, unchanged: 100_000 });
    const reputMs = performance.now() - started;
    const reputTrips = kv.roundTrips;
    expect(kv.calls.get('setMany') ?? 0).toBe(0);

    kv.reset();
    const appended = await store.putMessages(CHANNEL, [slackMessage(100_000)]);
    expect(appended.added).toBe(1);
    const appendTrips = kv.roundTrips;

    console.log(
      `[store:${target.backend}] 100k messages: put ${putMs.toFixed(0)} ms / ${putTrips} round trips, ` +
        `read ${readMs.toFixed(0)} ms / ${readTrips}, re-put ${reputMs.toFixed(0)} ms / ${reputTrips}, append one / ${appendTrips}`,
    );
    expect(putTrips + readTrips + reputTrips).toBeLessThan(50);
    expect(appendTrips).toBeLessThanOrEqual(8);
    expect(await store.countMessages(CHANNEL)).toBe(100_001);
    expect(await store.lastMessageTs(CHANNEL)).toBe(slackMessage(100_000).ts);

    kv.reset();
    const newest = await store.readMessages(CHANNEL, { newest: true, limit: 10 });
    expect(newest.map((m) => m.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => slackMessage(99_991 + i).id),
    );
    expect(kv.roundTrips).toBeLessThanOrEqual(3);

    kv.reset();
    expect((await store.getMessage(CHANNEL, history[12_345].id))?.text).toBe('message 12345');
    expect(kv.roundTrips).toBeLessThanOrEqual(3);
  }, 60_000);

  it('inserts back-filled and out-of-order history into the right place', async () => {
    const { store } = await open({ chunkSize: 4 });
    await store.putMessages(CHANNEL, [message('m50', 5000), message('m60', 6000), message('m70', 7000)]);
    // Older history arrives later, newest batch first; some share a millisecond.
    await store.putMessages(CHANNEL, [message('m10', 1000), message('m30', 3000), message('m20', 2000)]);
    await store.putMessages(CHANNEL, [message('m55b', 5500), message('m55a', 5500), message('m65', 6500)]);
    await store.putMessages(CHANNEL, [message('m00', 0), message('m80', 8000), message('m40', 4000)]);
    for (let i = 0; i < 12; i += 1) await store.putMessages(CHANNEL, [message(`m25-${String(i).padStart(2, '0')}`, 2500)]);

    const expected = [
      'm00', 'm10', 'm20',
      ...Array.from({ length: 12 }, (_, i) => `m25-${String(i).padStart(2, '0')}`),
      'm30', 'm40', 'm50', 'm55a', 'm55b', 'm60', 'm65', 'm70', 'm80',
    ];
    expect((await store.readMessages(CHANNEL)).map((m) => m.id)).toEqual(expected);
    expect(await store.countMessages(CHANNEL)).toBe(expected.length);
    expect(await store.lastMessageTs(CHANNEL)).toBe(8000);
    // Another channel is untouched.
    expect(await store.readMessages(OTHER)).toEqual([]);
    expect(await store.countMessages(OTHER)).toBe(0);
    expect(await store.lastMessageTs(OTHER)).toBeUndefined();
  });

  it('edits a message found by ts hint, by id alone, or not at all', async () => {
    const { store } = await open({ chunkSize: 8 });
    const history = Array.from({ length: 100 }, (_, i) => slackMessage(i));
    await store.putMessages(CHANNEL, [...history, message('opaque-id', BASE_TS + 505)]);

    const target = history[42];
    const edited = await store.editMessage(CHANNEL, target.id, 'new words', BASE_TS + 9999, target.ts);
    expect(edited).toEqual({ ...target, text: 'new words', editedTs: BASE_TS + 9999 });
    expect(await store.editMessage(CHANNEL, history[7].id, 'by id', BASE_TS + 1)).toMatchObject({ text: 'by id' });
    // An id that carries no time is found by scanning; a wrong hint falls back to the scan too.
    expect(await store.editMessage(CHANNEL, 'opaque-id', 'found', BASE_TS + 2)).toMatchObject({ text: 'found' });
    expect(await store.editMessage(CHANNEL, history[90].id, 'wrong hint', BASE_TS + 3, 0)).toMatchObject({
      text: 'wrong hint',
    });
    expect(await store.editMessage(CHANNEL, 'missing', 'x', BASE_TS)).toBeUndefined();
    expect(await store.editMessage(OTHER, target.id, 'x', BASE_TS)).toBeUndefined();

    const read = await store.readMessages(CHANNEL);
    expect(read.length).toBe(101);
    expect(read.find((m) => m.id === target.id)).toEqual(edited);
    expect((await store.getMessage(CHANNEL, 'opaque-id'))?.text).toBe('found');
    expect((await store.getMessage(CHANNEL, history[90].id))?.text).toBe('wrong hint');
  });

  it('deletes messages for good: gone from reads, getMessage and the count', async () => {
    const { store } = await open({ chunkSize: 4 });
    const history = Array.from({ length: 20 }, (_, i) => message(`m${String(i).padStart(2, '0')}`, 1000 * i));
    await store.putMessages(CHANNEL, history);

    expect(await store.deleteMessage(CHANNEL, 'm05', 5000)).toEqual(history[5]);
    expect(await store.deleteMessage(CHANNEL, 'm06')).toEqual(history[6]);
    expect(await store.deleteMessage(CHANNEL, 'm06')).toBeUndefined();
    // Empty a whole chunk's worth, and the newest message.
    for (const id of ['m00', 'm01', 'm02', 'm03', 'm19']) expect(await store.deleteMessage(CHANNEL, id)).toBeDefined();

    const remaining = history.filter((m) => !['m00', 'm01', 'm02', 'm03', 'm05', 'm06', 'm19'].includes(m.id));
    expect(await store.readMessages(CHANNEL)).toEqual(remaining);
    expect(await store.getMessage(CHANNEL, 'm05')).toBeUndefined();
    expect(await store.getMessage(CHANNEL, 'm05', 5000)).toBeUndefined();
    expect(await store.countMessages(CHANNEL)).toBe(13);
    expect(await store.lastMessageTs(CHANNEL)).toBe(18_000);
    // Re-putting a deleted message brings it back as new.
    expect(await store.putMessages(CHANNEL, [history[5]])).toEqual({ added: 1, updated: 0, unchanged: 0 });
    for (const m of [...remaining, history[5]]) await store.deleteMessage(CHANNEL, m.id);
    expect(await store.readMessages(CHANNEL)).toEqual([]);
    expect(await store.lastMessageTs(CHANNEL)).toBeUndefined();
  });

  it('reads after a watermark, until a time, the first N and the newest N', async () => {
    const { store } = await open({ chunkSize: 4 });
    // Two messages per millisecond, so the watermark's id matters.
    const history = Array.from({ length: 30 }, (_, i) => message(`m${String(i).padStart(2, '0')}`, 1000 * Math.floor(i / 2)));
    await store.putMessages(CHANNEL, history);
    const ids = (messages: StoredMessage[]) => messages.map((m) => m.id);

    expect(ids(await store.readMessages(CHANNEL, { after: { ts: 5000, id: 'm10' } }))).toEqual(ids(history.slice(11)));
    expect(ids(await store.readMessages(CHANNEL, { after: { ts: 5000, id: 'm11' } }))).toEqual(ids(history.slice(12)));
    expect(await store.readMessages(CHANNEL, { after: { ts: 14_000, id: 'm29' } })).toEqual([]);
    expect(ids(await store.readMessages(CHANNEL, { after: null }))).toEqual(ids(history));
    expect(ids(await store.readMessages(CHANNEL, { untilTs: 3000 }))).toEqual(ids(history.slice(0, 8)));
    expect(ids(await store.readMessages(CHANNEL, { limit: 5 }))).toEqual(ids(history.slice(0, 5)));
    expect(ids(await store.readMessages(CHANNEL, { limit: 5, newest: true }))).toEqual(ids(history.slice(25)));
    expect(ids(await store.readMessages(CHANNEL, { after: { ts: 2000, id: 'm04' }, untilTs: 6000, limit: 3 }))).toEqual(
      ['m05', 'm06', 'm07'],
    );
    expect(
      ids(await store.readMessages(CHANNEL, { after: { ts: 2000, id: 'm04' }, untilTs: 6000, limit: 3, newest: true })),
    ).toEqual(['m11', 'm12', 'm13']);
    expect(ids(await store.readMessages(CHANNEL, { newest: true, limit: 100 }))).toEqual(ids(history));
    expect(await store.readMessages(CHANNEL, { limit: 0 })).toEqual([]);
  });

  it('matches a simple model under random puts, edits, deletes and reads', async () => {
    const { store } = await open({ chunkSize: 4 });
    const next = random(20240229);
    const model = new Map<string, StoredMessage>();
    // Each id has a fixed time, as on the platforms; several ids share a millisecond.
    const timeOf = (n: number) => 1000 * (n % 23);
    const pick = () => Math.floor(next() * 80);
    for (let step = 0; step < 250; step += 1) {
      const roll = next();
      if (roll < 0.45) {
        const batch = Array.from({ length: 1 + Math.floor(next() * 9) }, () => {
          const n = pick();
          return message(`id-${n}`, timeOf(n), `v${step}-${n}`);
        });
        await store.putMessages(CHANNEL, batch);
        for (const m of batch) model.set(m.id, m);
      } else if (roll < 0.65) {
        const n = pick();
        const hint = next() < 0.5 ? timeOf(n) : undefined;
        const result = await store.editMessage(CHANNEL, `id-${n}`, `edit ${step}`, step, hint);
        const before = model.get(`id-${n}`);
        expect(result).toEqual(before && { ...before, text: `edit ${step}`, editedTs: step });
        if (before) model.set(before.id, { ...before, text: `edit ${step}`, editedTs: step });
      } else if (roll < 0.85) {
        const n = pick();
        expect(await store.deleteMessage(CHANNEL, `id-${n}`)).toEqual(model.get(`id-${n}`));
        model.delete(`id-${n}`);
      } else {
        const limit = 1 + Math.floor(next() * 12);
        const newest = next() < 0.5;
        const sorted = [...model.values()].sort(byPosition);
        const after = sorted.length > 0 && next() < 0.5 ? sorted[Math.floor(next() * sorted.length)] : undefined;
        const window = after ? sorted.filter((m) => byPosition(m, after) > 0) : sorted;
        const expected = newest ? window.slice(Math.max(0, window.length - limit)) : window.slice(0, limit);
        const options = { limit, newest, after: after && { ts: after.ts, id: after.id } };
        expect(await store.readMessages(CHANNEL, options)).toEqual(expected);
      }
    }
    expect(await store.readMessages(CHANNEL)).toEqual([...model.values()].sort(byPosition));
    expect(await store.countMessages(CHANNEL)).toBe(model.size);
  });

  it('appends from many concurrent callers without losing a message', async () => {
    const { store } = await open({ chunkSize: 8 });
    const next = random(7);
    const history = Array.from({ length: 200 }, (_, i) => message(`c${String(i).padStart(3, '0')}`, i * 100));
    const order = [...history].sort(() => next() - 0.5);
    const results = await Promise.all(order.map((m) => store.putMessages(CHANNEL, [m])));
    expect(results.reduce((sum, result) => sum + result.added, 0)).toBe(200);
    // Edits and deletes racing with more appends.
    await Promise.all([
      ...history.slice(0, 50).map((m) => store.editMessage(CHANNEL, m.id, `edited ${m.id}`, 1)),
      ...history.slice(50, 70).map((m) => store.deleteMessage(CHANNEL, m.id)),
      ...Array.from({ length: 30 }, (_, i) => store.putMessages(CHANNEL, [message(`d${i}`, 50_000 + i)])),
    ]);
    const read = await store.readMessages(CHANNEL);
    expect(read.length).toBe(210);
    expect(read.filter((m) => m.text.startsWith('edited')).length).toBe(50);
    expect(read.map((m) => m.id)).toEqual([...history.slice(0, 50), ...history.slice(70)].map((m) => m.id).concat(
      Array.from({ length: 30 }, (_, i) => `d${i}`),
    ));
  });

  it.skipIf(!target.shared)('two stores on one database (two processes) do not lose each other\'s writes', async () => {
    const first = await open({ chunkSize: 8 });
    const second = await open({ chunkSize: 8, namespace: first.namespace });
    const writes = Array.from({ length: 60 }, (_, i) => {
      const store = i % 2 === 0 ? first.store : second.store;
      return store.putMessages(CHANNEL, [message(`p${String(i).padStart(2, '0')}`, (i * 7919) % 1000)]);
    });
    await Promise.all(writes);
    expect(await first.store.countMessages(CHANNEL)).toBe(60);
    expect((await second.store.readMessages(CHANNEL)).length).toBe(60);
    // And a lock held through one is seen by the other.
    const token = await first.store.acquireLock('pass', 10_000);
    expect(token).not.toBeNull();
    expect(await second.store.acquireLock('pass', 10_000)).toBeNull();
  });

  it('commits learned context atomically with optimistic concurrency', async () => {
    const { store } = await open();
    expect(await store.getLearned(CHANNEL)).toBeUndefined();
    await store.commitLearned(learned(1), 0);
    expect(await store.getLearned(CHANNEL)).toEqual(learned(1));

    const conflict = await store.commitLearned(learned(2, 'stale pass'), 0).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(StoreError);
    expect(conflict).toBeInstanceOf(LearnedVersionConflictError);
    expect(conflict).toMatchObject({ expectedVersion: 0, actualVersion: 1 });
    expect(await store.getLearned(CHANNEL)).toEqual(learned(1));

    // Ten passes race from version 1: exactly one commits.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store.commitLearned(learned(2, `pass ${i}`), 1)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').length).toBe(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(LearnedVersionConflictError);
    }
    const stored = await store.getLearned(CHANNEL);
    expect(stored?.version).toBe(2);
    expect(stored?.watermark).toEqual({ ts: BASE_TS + 2, id: 'm2' });

    await store.commitLearned(learned(7)); // unchecked
    expect((await store.getLearned(CHANNEL))?.version).toBe(7);
  });

  it('setIfAbsent lets exactly one of 50 concurrent callers through', async () => {
    const { store, namespace } = await open();
    const stores = target.shared ? [store, (await open({ namespace })).store] : [store];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stores[i % stores.length].setIfAbsent('event:Ev1', `caller ${i}`, 60_000)),
    );
    expect(results.filter(Boolean).length).toBe(1);
    expect(await store.setIfAbsent('event:Ev2', 'x', 60_000)).toBe(true);
    await expect(store.setIfAbsent('event:Ev3', 'x', 0)).rejects.toBeInstanceOf(StoreError);
  });

  it('forgets expired keys: setIfAbsent, state and locks', async () => {
    const { store } = await open();
    expect(await store.setIfAbsent('event', 'a', 150)).toBe(true);
    expect(await store.setIfAbsent('event', 'b', 150)).toBe(false);
    await store.setState('cursor', { page: 3 }, 150);
    await store.setState('forever', 'kept');
    const token = await store.acquireLock('pass', 150);
    expect(token).toEqual(expect.any(String));
    expect(await store.acquireLock('pass', 150)).toBeNull();
    expect(await store.getState('cursor')).toEqual({ page: 3 });

    await sleep(400);
    expect(await store.getState('cursor')).toBeUndefined();
    expect(await store.getState('forever')).toBe('kept');
    expect(await store.setIfAbsent('event', 'c', 10_000)).toBe(true);
    const next = await store.acquireLock('pass', 10_000);
    expect(next).toEqual(expect.any(String));
    expect(next).not.toBe(token);
    // The first holder outlived its TTL: its release must not free the new holder's lock.
    await store.releaseLock('pass', token!);
    expect(await store.acquireLock('pass', 10_000)).toBeNull();
  });

  it('locks: one holder at a time, released only with its token', async () => {
    const { store } = await open();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => store.acquireLock('sleep:C1', 30_000)));
    const holders = tokens.filter((token): token is string => token !== null);
    expect(holders.length).toBe(1);
    await store.releaseLock('sleep:C1', 'not-the-token');
    expect(await store.acquireLock('sleep:C1', 30_000)).toBeNull();
    await store.releaseLock('sleep:C1', holders[0]);
    const again = await store.acquireLock('sleep:C1', 30_000);
    expect(again).not.toBeNull();
    expect(await store.acquireLock('sleep:C2', 30_000)).not.toBeNull();
    await store.releaseLock('sleep:never-held', 'x');
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

  it('totals the ledger by channel and UTC day, with a bounded latency sample', async () => {
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
    expect(channel.answers).toEqual({ cached: 1, warm: 1, cold: 0, offline: 10 });
    expect(channel.passes).toEqual({ ok: 1, failed: 1 });
    expect(channel.feedback).toEqual({ up: 1, down: 0 });
    expect(channel.latencies).toEqual([106, 107, 108, 109]);

    const all = await store.ledgerTotals();
    expect(all.test.promptTokens).toBe(410);
    expect(all.answers).toEqual({ cached: 1, warm: 1, cold: 1, offline: 10 });
    expect(all.feedback).toEqual({ up: 1, down: 1 });
    expect(all.latencies).toEqual([106, 107, 108, 109]);

    const secondDay = await store.ledgerTotals(CHANNEL, dayTwo + 3_600_000);
    expect(secondDay.sleep.promptTokens).toBe(0);
    expect(secondDay.test.promptTokens).toBe(110);
    const other = await store.ledgerTotals(OTHER, dayTwo);
    expect(other.test.promptTokens).toBe(0);
    expect(other.feedback.down).toBe(1);
    expect(other.latencies).toEqual([]);
    expect((await store.ledgerTotals(OTHER)).latencies).toEqual([4000]);
    expect((await store.ledgerTotals('slack:T9:none')).answers).toEqual({ cached: 0, warm: 0, cold: 0, offline: 0 });
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

import { expect, it } from 'vitest';
import type { StoredMessage } from '../../src/core/types.js';
import { BASE_TS, byPosition, CHANNEL, message, OTHER, random, slackMessage, useStores, type StoreTarget } from './suite-harness.js';

/** Messages: upserts, order, edits, deletes, windows, concurrency. Call inside a describe block. */
export function messageSuite(target: StoreTarget): void {
  const open = useStores(target);

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
    const { store, counter: kv } = await open();
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
    // Nothing is rewritten: the inserts all conflict, no row is updated.
    expect(kv.statements.filter((sql) => /^\s*update|do update/i.test(sql))).toEqual([]);

    kv.reset();
    const appended = await store.putMessages(CHANNEL, [slackMessage(100_000)]);
    expect(appended.added).toBe(1);
    const appendTrips = kv.roundTrips;

    console.log(
      `[store:${target.backend}] 100k messages: put ${putMs.toFixed(0)} ms / ${putTrips} round trips, ` +
        `read ${readMs.toFixed(0)} ms / ${readTrips}, re-put ${reputMs.toFixed(0)} ms / ${reputTrips}, append one / ${appendTrips}`,
    );
    // Batched: a few hundred statements for 100,000 messages (500 rows a statement), one read.
    expect(putTrips).toBeLessThan(450);
    expect(readTrips).toBe(1);
    expect(reputTrips).toBeLessThan(450);
    // One insert, in a transaction of its own.
    expect(appendTrips).toBe(1);
    expect(await store.countMessages(CHANNEL)).toBe(100_001);
    expect(await store.lastMessageTs(CHANNEL)).toBe(slackMessage(100_000).ts);

    kv.reset();
    const newest = await store.readMessages(CHANNEL, { newest: true, limit: 10 });
    expect(newest.map((m) => m.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => slackMessage(99_991 + i).id),
    );
    expect(kv.roundTrips).toBe(1);

    kv.reset();
    expect((await store.getMessage(CHANNEL, history[12_345].id))?.text).toBe('message 12345');
    expect(kv.roundTrips).toBe(1);
  }, 60_000);

  it('inserts back-filled and out-of-order history into the right place', async () => {
    const { store } = await open();
    await store.putMessages(CHANNEL, [message('m50', 5000), message('m60', 6000), message('m70', 7000)]);
    // Older history arrives later, newest batch first; some share a millisecond.
    await store.putMessages(CHANNEL, [message('m10', 1000), message('m30', 3000), message('m20', 2000)]);
    await store.putMessages(CHANNEL, [message('m55b', 5500), message('m55a', 5500), message('m65', 6500)]);
    await store.putMessages(CHANNEL, [message('m00', 0), message('m80', 8000), message('m40', 4000)]);
    for (let i = 0; i < 12; i += 1) await store.putMessages(CHANNEL, [message(`m25-${String(i).padStart(2, '0')}`, 2500)]);
    // Same millisecond, ids arriving in descending order: the tie spans several chunks.
    for (let i = 11; i >= 0; i -= 1) await store.putMessages(CHANNEL, [message(`m45-${String(i).padStart(2, '0')}`, 4500)]);

    const expected = [
      'm00', 'm10', 'm20',
      ...Array.from({ length: 12 }, (_, i) => `m25-${String(i).padStart(2, '0')}`),
      'm30', 'm40',
      ...Array.from({ length: 12 }, (_, i) => `m45-${String(i).padStart(2, '0')}`),
      'm50', 'm55a', 'm55b', 'm60', 'm65', 'm70', 'm80',
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
    const { store } = await open();
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
    const { store } = await open();
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
    const { store } = await open();
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
    const { store } = await open();
    const next = random(20240229);
    const model = new Map<string, StoredMessage>();
    // Each id has a fixed time, as on the platforms; several ids share a millisecond.
    const timeOf = (n: number) => 1000 * (n % 11);
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
    const { store } = await open();
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
}

import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { LearnedVersionConflictError } from '../../src/store/learned-rows.js';
import { BASE_TS, CHANNEL, learned, message, useStores, type StoreTarget } from './suite-harness.js';

/** What keeps passes, events and processes from stepping on each other. Call inside a describe block. */
export function coordinationSuite(target: StoreTarget): void {
  const open = useStores(target);

  it.skipIf(!target.shared)('two stores on one database (two processes) do not lose each other\'s writes', async () => {
    const first = await open();
    const second = await open({ url: first.url });
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
    const { store, url } = await open();
    const stores = target.shared ? [store, (await open({ url })).store] : [store];
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
}

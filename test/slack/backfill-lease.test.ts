import { afterEach, describe, expect, it } from 'vitest';
import { takeLease, type LeaseStore } from '../../src/adapters/slack/backfill-lease.js';
import { silentLogger } from '../../src/core/logger.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const KEY = 'slack:backfill-lock:slack:T1:CGENERAL';
const SLOT_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

describe('backfill lease over the Store locks', () => {
  it('is held past many slots while renewed, and free the moment it is released', async () => {
    store = await openStore('memory://');
    const first = await takeLease(store, KEY, SLOT_MS, silentLogger);
    expect(first).not.toBeNull();
    await sleep(5 * SLOT_MS);
    expect(await takeLease(store, KEY, SLOT_MS, silentLogger)).toBeNull();
    expect(first!.held).toBe(true);
    await first!.release();
    const second = await takeLease(store, KEY, SLOT_MS, silentLogger);
    expect(second).not.toBeNull();
    await second!.release();
  });

  it('of a holder that stopped renewing is taken over within two slots, and the old holder learns it lost it', async () => {
    store = await openStore('memory://');
    let reachable = true;
    // The first holder's store goes away (a hung process, a partition): its renewals fail.
    const flaky: LeaseStore = {
      acquireLock: (key, ttl) => (reachable ? store!.acquireLock(key, ttl) : Promise.reject(new Error('store unreachable'))),
      releaseLock: (key, token) => store!.releaseLock(key, token),
    };
    const stale = await takeLease(flaky, KEY, SLOT_MS, silentLogger);
    expect(stale).not.toBeNull();
    reachable = false;
    await sleep(2.5 * SLOT_MS);
    const fresh = await takeLease(store, KEY, SLOT_MS, silentLogger);
    expect(fresh).not.toBeNull();
    reachable = true;
    await sleep(SLOT_MS);
    expect(stale!.held).toBe(false);
    expect(fresh!.held).toBe(true);
    await stale!.release();
    await fresh!.release();
  });
});

import { afterEach } from 'vitest';
import type { LearnedContext, StoredMessage } from '../../src/core/types.js';
import { KeyvStore, type KeyvStoreOptions } from '../../src/store/keyv-store.js';
import type { KvBackend } from '../../src/store/kv.js';
import { openKeyValueStore } from '../../src/store/open-kv.js';
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

export const CHANNEL = 'slack:T1:C1';
export const OTHER = 'discord:G1:C2';
/** 2023-11-14T22:13:20Z */
export const BASE_TS = 1_700_000_000_000;

/**
 * Returns `open()`, which opens a store over a round-trip counter in a fresh namespace (or a
 * given one, to share it); everything opened is closed and dropped after each test.
 */
export function useStores(target: StoreTarget) {
  const opened: { store: KeyvStore; namespace: string }[] = [];

  afterEach(async () => {
    const namespaces = new Set(opened.map((entry) => entry.namespace));
    await Promise.all(opened.splice(0).map((entry) => entry.store.close()));
    if (target.drop) for (const namespace of namespaces) await target.drop(namespace);
  });

  return async function open(options: KeyvStoreOptions & { namespace?: string } = {}) {
    const { namespace = uniqueNamespace(target.backend), ...storeOptions } = options;
    const kv = new CountingKeyValueStore(await openKeyValueStore(target.url, { namespace }));
    const store = new KeyvStore(kv, storeOptions);
    opened.push({ store, namespace });
    return { store, kv, namespace };
  };
}

/** A message whose id, like Slack's, is its time: `seconds.microseconds`. */
export function slackMessage(i: number, text = `message ${i}`): StoredMessage {
  const ts = BASE_TS + i * 10;
  const id = `${Math.floor(ts / 1000)}.${String((ts % 1000) * 1000).padStart(6, '0')}`;
  return { id, ts, user: `U${i % 7}`, text };
}

export function message(id: string, ts: number, text = `text of ${id}`): StoredMessage {
  return { id, ts, user: 'U1', text };
}

export function learned(version: number, summary = `v${version}`): LearnedContext {
  return {
    channel: CHANNEL,
    version,
    committedAt: BASE_TS + version,
    watermark: { ts: BASE_TS + version, id: `m${version}` },
    summary,
    notes: [],
    questions: [],
    source: 'offline',
    rework: [],
  };
}

/** A small deterministic PRNG (mulberry32), so a failing random run can be replayed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function byPosition(a: StoredMessage, b: StoredMessage): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}


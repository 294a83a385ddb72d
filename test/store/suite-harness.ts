import { afterEach } from 'vitest';
import type { LearnedContext, StoredMessage } from '../../src/core/types.js';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { Prng } from '../../examples/generator/prng.js';

export interface StoreTarget {
  backend: Store['backend'];
  /** A store URL no other test uses (a new file, a new schema, or memory://). */
  freshUrl(): string;
  /** Whether two stores opened on the same URL see the same data (not memory://). */
  shared: boolean;
  /** Removes what a test left behind on a server that outlives the run. */
  drop?: (url: string) => Promise<void>;
  /** Extra options for the stores opened on a URL (e.g. a Redis for short-lived keys). */
  options?: (url: string) => OpenStoreOptions;
}

export const CHANNEL = 'slack:T1:C1';
export const OTHER = 'discord:G1:C2';
/** 2023-11-14T22:13:20Z */
export const BASE_TS = 1_700_000_000_000;

/** Counts the SQL statements a store sends: each is one round trip to the database. */
export class StatementCounter {
  statements: string[] = [];
  readonly onQuery = (sql: string) => {
    this.statements.push(sql);
  };
  get roundTrips(): number {
    return this.statements.length;
  }
  reset(): void {
    this.statements = [];
  }
}

/**
 * Returns `open()`, which opens a store on a fresh URL (or a given one, to share it) with a
 * statement counter; everything opened is closed and dropped after each test.
 */
export function useStores(target: StoreTarget) {
  const opened: { store: Store; url: string }[] = [];

  afterEach(async () => {
    const urls = new Set(opened.map((entry) => entry.url));
    await Promise.all(opened.splice(0).map((entry) => entry.store.close()));
    if (target.drop) for (const url of urls) await target.drop(url);
  });

  return async function open(options: OpenStoreOptions & { url?: string } = {}) {
    const { url = target.freshUrl(), ...storeOptions } = options;
    const counter = new StatementCounter();
    const store = await openStore(url, { ...target.options?.(url), ...storeOptions, onQuery: counter.onQuery });
    opened.push({ store, url });
    return { store, url, counter };
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

/** A seeded random source (the example generator's mulberry32), so a failing random run can be replayed. */
export function random(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

export function byPosition(a: StoredMessage, b: StoredMessage): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The small key-value surface the domain store is built on. Internal to src/store: nothing
 * outside this folder should see keys, chunks or TTL envelopes.
 *
 * Every backend implements it over keyv 5 (see keyv-kv.ts), plus the two conditional writes keyv
 * does not offer, done with the backend's own atomic primitive (SQL upsert, Redis SET NX / Lua).
 */
export type KvBackend = 'sqlite' | 'redis' | 'postgres' | 'memory';

export interface KvEntry {
  key: string;
  /** Any JSON-serialisable value. */
  value: unknown;
  /** Time to live; omitted means forever. @unit milliseconds */
  ttlMs?: number;
}

export interface KeyValueStore {
  readonly backend: KvBackend;

  /** The value, or undefined when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Values in the order of `keys`; one round trip whatever the count. */
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** One round trip whatever the count (not necessarily one transaction on every backend). */
  setMany(entries: readonly KvEntry[]): Promise<void>;
  /** True where one setMany commits all its entries or none (SQLite: a single statement). */
  readonly atomicSetMany: boolean;
  delete(key: string): Promise<void>;
  deleteMany(keys: readonly string[]): Promise<void>;

  /**
   * Atomically sets `key` only when it is absent or expired. Exactly one of any number of
   * concurrent callers, in this process or another, gets true.
   */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Atomically deletes `key` only while it still holds `value` (a lock's token), so a holder whose
   * lock expired and was taken over cannot release the new holder's lock.
   */
  deleteIfValue(key: string, value: string): Promise<boolean>;

  /** Waits for operations in flight, then releases connections and timers. */
  close(): Promise<void>;
}

/**
 * The stored form of a value, byte for byte what keyv writes with `serialize: JSON.stringify`
 * (`{ value, expires }`, expires in epoch ms or absent). The conditional writes build rows in
 * this form so that keyv's get() reads them and honours their expiry.
 */
export function encodeEnvelope(value: unknown, expires: number | undefined): string {
  return JSON.stringify({ value, expires });
}

/** keyv and Redis both want a whole number of milliseconds; a TTL of 0.5 ms must not mean "forever". */
export function normaliseTtl(ttlMs: number | undefined): number | undefined {
  if (ttlMs === undefined) return undefined;
  return Math.max(1, Math.ceil(ttlMs));
}

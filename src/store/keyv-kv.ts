import Keyv from 'keyv';
import { StoreError } from '../core/errors.js';
import { normaliseTtl, type KeyValueStore, type KvBackend, type KvEntry } from './kv.js';

/**
 * What every backend shares: a keyv 5 instance, our own key prefix, error wrapping, in-flight
 * tracking for a clean close, and a periodic sweep of expired rows.
 *
 * Keyv is set up with:
 * - `useKeyPrefix: false` and no keyv namespace: we prefix keys ourselves (`<namespace>:<key>`).
 *   keyv's own prefixing is inconsistent (set() skips keys that already start with
 *   `<namespace>:` while getMany() always prefixes) and @keyv/redis would add a second
 *   `<namespace>::` prefix; the conditional writes below must know the exact stored key.
 * - `serialize: JSON.stringify`: the stored row is plain `{"value":…,"expires":…}` JSON that SQL
 *   and Lua can inspect, and it is several times faster than keyv's default serialiser on the
 *   large message chunks.
 * - `throwOnErrors: true`: by default keyv swallows a failed set() and returns false, which would
 *   turn an outage into silent data loss.
 *
 * Known keyv wart left alone: get() deletes an expired row it reads, so a set() of the same key
 * landing between that read and that delete is lost. Only TTL'd state read and rewritten at the
 * instant it expires is exposed; locks, leases and de-duplication keys never go through get().
 */
export abstract class KeyvKeyValueStore implements KeyValueStore {
  abstract readonly backend: KvBackend;
  readonly atomicSetMany: boolean = false;
  protected readonly keyv: Keyv;
  private readonly prefix: string;
  private readonly inFlight = new Set<Promise<unknown>>();
  private purgeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  protected constructor(adapter: unknown, namespace: string) {
    this.keyv = new Keyv({
      store: adapter,
      namespace: undefined,
      useKeyPrefix: false,
      serialize: JSON.stringify,
      deserialize: JSON.parse,
      throwOnErrors: true,
    });
    this.prefix = `${namespace}:`;
  }

  /** The key as stored in the backend. */
  protected rawKey(key: string): string {
    return this.prefix + key;
  }

  /** The prefix every stored key of this namespace starts with. */
  protected get keyPrefix(): string {
    return this.prefix;
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.run('get', async () => (await this.keyv.get(this.rawKey(key))) as T | undefined);
  }

  async getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]> {
    if (keys.length === 0) return [];
    return this.run('getMany', async () => {
      const values = await this.keyv.getMany(keys.map((key) => this.rawKey(key)));
      return values as (T | undefined)[];
    });
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    await this.run('set', () => this.keyv.set(this.rawKey(key), value, normaliseTtl(ttlMs)));
  }

  async setMany(entries: readonly KvEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.run('setMany', () =>
      this.keyv.setMany(
        entries.map((entry) => ({
          key: this.rawKey(entry.key),
          value: entry.value,
          ttl: normaliseTtl(entry.ttlMs),
        })),
      ),
    );
  }

  async delete(key: string): Promise<void> {
    await this.run('delete', () => this.keyv.delete(this.rawKey(key)));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.run('deleteMany', () => this.keyv.deleteMany(keys.map((key) => this.rawKey(key))));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const ttl = normaliseTtl(ttlMs);
    if (ttl === undefined || !Number.isFinite(ttl)) {
      throw new StoreError(`setIfAbsent needs a finite TTL in milliseconds, got ${ttlMs}`);
    }
    return this.run('setIfAbsent', () => this.setIfAbsentRaw(this.rawKey(key), value, ttl));
  }

  async deleteIfValue(key: string, value: string): Promise<boolean> {
    return this.run('deleteIfValue', () => this.deleteIfValueRaw(this.rawKey(key), value));
  }

  /** Backend-specific atomic "insert unless present and unexpired". */
  protected abstract setIfAbsentRaw(rawKey: string, value: string, ttlMs: number): Promise<boolean>;
  /** Backend-specific atomic "delete while value is". */
  protected abstract deleteIfValueRaw(rawKey: string, value: string): Promise<boolean>;
  /**
   * Deletes this namespace's expired rows. keyv only drops an expired row when somebody reads
   * it, and de-duplication keys are written once and never read again: without a sweep they
   * would pile up for as long as the bot runs.
   */
  protected abstract purgeExpired(now: number): Promise<void>;
  /** Releases connections; called once, after every operation in flight has settled. */
  protected abstract closeBackend(): Promise<void>;

  /**
   * Sweeps expired rows now and then every `everyMs`. The timer is unref'd so it never keeps the
   * process alive. A failed sweep is retried by the next one; foreground operations report the
   * same outage to their callers, so there is nothing useful to do with the error here.
   */
  async startPurging(everyMs: number): Promise<void> {
    await this.run('purgeExpired', () => this.purgeExpired(Date.now()));
    this.purgeTimer = setInterval(() => {
      this.run('purgeExpired', () => this.purgeExpired(Date.now())).catch(() => undefined);
    }, everyMs);
    this.purgeTimer.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.purgeTimer);
    await Promise.allSettled([...this.inFlight]);
    try {
      await this.closeBackend();
    } catch (error) {
      throw new StoreError(`${this.backend}: close failed: ${describeError(error)}`, { cause: error });
    }
  }

  /** Runs one operation: refuses after close, tracks it for close(), wraps failures in StoreError. */
  protected async run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError(`${this.backend}: ${operation} after the store was closed`);
    const pending = work();
    this.inFlight.add(pending);
    try {
      return await pending;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${this.backend}: ${operation} failed: ${describeError(error)}`, {
        cause: error,
      });
    } finally {
      this.inFlight.delete(pending);
    }
  }
}

/**
 * A short reason for an error: its code when it has one (ECONNREFUSED, a SQLSTATE), else its
 * message. Node's dual-stack connect throws an AggregateError whose own message is empty.
 */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : describeError(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}

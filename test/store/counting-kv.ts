import type { KeyValueStore, KvEntry } from '../../src/store/kv.js';

/**
 * Wraps a KeyValueStore and counts calls: every method is one round trip to the backend, so the
 * count is what the message layout promises to keep small (not wall-clock time, which varies).
 */
export class CountingKeyValueStore implements KeyValueStore {
  roundTrips = 0;
  readonly calls = new Map<string, number>();

  constructor(readonly inner: KeyValueStore) {}

  get backend() {
    return this.inner.backend;
  }

  get atomicSetMany() {
    return this.inner.atomicSetMany;
  }

  reset(): void {
    this.roundTrips = 0;
    this.calls.clear();
  }

  private count(operation: string): void {
    this.roundTrips += 1;
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  get<T>(key: string) {
    this.count('get');
    return this.inner.get<T>(key);
  }
  getMany<T>(keys: readonly string[]) {
    this.count('getMany');
    return this.inner.getMany<T>(keys);
  }
  set(key: string, value: unknown, ttlMs?: number) {
    this.count('set');
    return this.inner.set(key, value, ttlMs);
  }
  setMany(entries: readonly KvEntry[]) {
    this.count('setMany');
    return this.inner.setMany(entries);
  }
  delete(key: string) {
    this.count('delete');
    return this.inner.delete(key);
  }
  deleteMany(keys: readonly string[]) {
    this.count('deleteMany');
    return this.inner.deleteMany(keys);
  }
  setIfAbsent(key: string, value: string, ttlMs: number) {
    this.count('setIfAbsent');
    return this.inner.setIfAbsent(key, value, ttlMs);
  }
  deleteIfValue(key: string, value: string) {
    this.count('deleteIfValue');
    return this.inner.deleteIfValue(key, value);
  }
  close() {
    return this.inner.close();
  }
}

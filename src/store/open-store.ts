import { KeyvStore, type KeyvStoreOptions } from './keyv-store.js';
import { openKeyValueStore } from './open-kv.js';
import type { Store } from './store.js';

/** The key prefix when none is given. */
export const DEFAULT_STORE_NAMESPACE = 'mull';

export interface OpenStoreOptions extends KeyvStoreOptions {
  /**
   * Prefix of every key, so several bots (or test files) can share one database. Letters,
   * digits, '_', '.', '-'. Defaults to `mull`.
   */
  namespace?: string;
}

/**
 * Opens the store named by `url`: `sqlite://PATH` (relative to the working directory; the folder
 * is created), `redis://…` / `rediss://…`, `postgres://…` / `postgresql://…`, or `memory://`
 * (private to this call, for tests). Fails with a StoreError naming the server, never the
 * credentials, when the backend cannot be reached, and lists the valid schemes for any other.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const { namespace = DEFAULT_STORE_NAMESPACE, ...storeOptions } = options;
  const kv = await openKeyValueStore(url, { namespace });
  try {
    return new KeyvStore(kv, storeOptions);
  } catch (error) {
    await kv.close();
    throw error;
  }
}

import { KeyvStore } from './keyv-store.js';
import { openKeyValueStore } from './open-kv.js';
/** Where Mull keeps its data when nothing else is configured: a SQLite file under the working directory. */
export const DEFAULT_STORE_URL = 'sqlite://./data/mull.sqlite';
/** The key prefix when none is given. */
export const DEFAULT_STORE_NAMESPACE = 'mull';
/**
 * Opens the store named by `url`: `sqlite://PATH` (relative to the working directory; the folder
 * is created), `redis://…` / `rediss://…`, `postgres://…` / `postgresql://…`, or `memory://`
 * (private to this call, for tests). Fails with a StoreError naming the server, never the
 * credentials, when the backend cannot be reached, and lists the valid schemes for any other.
 */
export async function openStore(url, options = {}) {
    const { namespace = DEFAULT_STORE_NAMESPACE, ...storeOptions } = options;
    const kv = await openKeyValueStore(url, { namespace });
    try {
        return new KeyvStore(kv, storeOptions);
    }
    catch (error) {
        await kv.close();
        throw error;
    }
}

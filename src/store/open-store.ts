import { StoreError } from '../core/errors.js';
import { openDatabase } from './open-database.js';
import { SqlShortLivedKeys, type ShortLivedKeys } from './short-lived.js';
import { SqlStore, type SqlStoreOptions } from './sql-store.js';
import type { Store } from './store.js';
import { parseStoreUrl } from './store-url.js';

export interface OpenStoreOptions extends SqlStoreOptions {
  /**
   * Redis for short-lived keys (de-duplication marks, locks), from MULL_REDIS_URL. Without it they
   * live in the database, which is right for one process or several on one SQLite file.
   */
  redisUrl?: string;
  /** Prefix of every Redis key, so several bots (or test files) can share one Redis. Defaults to `mull:`. */
  redisPrefix?: string;
  /** Called with every SQL statement sent (tests count round trips with it). */
  onQuery?: (sql: string) => void;
}

/**
 * Opens the store named by `url` — `sqlite://PATH` (relative to the working directory; the folder
 * is created; WAL), `postgres://…` / `postgresql://…` (optionally `?schema=NAME`), or `memory://`
 * (a private in-memory SQLite database, for tests) — and brings its tables up to date. Fails with
 * a StoreError naming the server, never the credentials, when it cannot be reached.
 */
export function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  return openSqlStore(url, options);
}

/** openStore for code inside src/store that needs the tables themselves (`mull store copy`). */
export async function openSqlStore(url: string, options: OpenStoreOptions = {}): Promise<SqlStore> {
  const { redisUrl, redisPrefix = 'mull:', onQuery, ...storeOptions } = options;
  const location = parseStoreUrl(url);
  const { db, engine, writes } = await openDatabase(location, onQuery);
  let shortLived: ShortLivedKeys;
  try {
    if (redisUrl) {
      const { openRedisShortLived } = await import('./short-lived-redis.js');
      shortLived = await openRedisShortLived(redisUrl, redisPrefix);
    } else {
      shortLived = new SqlShortLivedKeys(db, writes);
    }
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  const backend: Store['backend'] = location.engine;
  try {
    return new SqlStore(db, engine, writes, shortLived, backend, storeOptions);
  } catch (error) {
    await shortLived.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    throw error instanceof StoreError ? error : new StoreError(String(error));
  }
}

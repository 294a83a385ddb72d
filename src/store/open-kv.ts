import { StoreError } from '../core/errors.js';
import type { KeyvKeyValueStore } from './keyv-kv.js';
import type { KeyValueStore } from './kv.js';
import { MemoryKeyValueStore } from './kv-memory.js';

/** The URL forms openStore accepts, for error messages and docs. */
export const SupportedStoreUrls = [
  'sqlite://PATH',
  'redis://[USER:PASSWORD@]HOST:PORT[/DB]',
  'rediss://…',
  'postgres://USER[:PASSWORD]@HOST:PORT/DATABASE',
  'postgresql://…',
  'memory://',
] as const;

export interface OpenKeyValueStoreOptions {
  /** Prefix of every key, so several bots or test runs can share one database. */
  namespace: string;
  /**
   * How often expired keys (de-duplication marks, locks, TTL'd state) are swept from SQL and
   * memory backends; Redis expires keys itself. Defaults to one hour. @unit milliseconds
   */
  purgeEveryMs?: number;
}

const DEFAULT_PURGE_EVERY_MS = 60 * 60 * 1000;

/** Namespaces end up in SQL LIKE-free prefixes, Redis keys and log lines: keep them plain. */
const NAMESPACE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Opens the key-value backend named by the URL's scheme. */
export async function openKeyValueStore(url: string, options: OpenKeyValueStoreOptions): Promise<KeyValueStore> {
  const { namespace } = options;
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new StoreError(
      `store namespace must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit; got ${JSON.stringify(namespace)}`,
    );
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url.trim())?.[1]?.toLowerCase();
  const purgeEveryMs = options.purgeEveryMs ?? DEFAULT_PURGE_EVERY_MS;
  let kv: KeyvKeyValueStore;
  switch (scheme) {
    // Each backend's client is loaded only when used: the embedded default should not carry the
    // Redis and PostgreSQL drivers in memory.
    case 'sqlite': {
      const { openSqliteKv } = await import('./kv-sqlite.js');
      kv = await openSqliteKv(sqliteLocation(url.trim()), namespace);
      break;
    }
    case 'redis':
    case 'rediss': {
      const { openRedisKv } = await import('./kv-redis.js');
      kv = await openRedisKv(url, namespace, describeServer(url, 6379));
      break;
    }
    case 'postgres':
    case 'postgresql': {
      const { openPostgresKv } = await import('./kv-postgres.js');
      kv = await openPostgresKv(url, namespace, describeServer(url, 5432, true));
      break;
    }
    case 'memory':
      kv = new MemoryKeyValueStore(namespace);
      break;
    default:
      // Only the scheme is echoed: the rest of a store URL may hold a password.
      throw new StoreError(
        `${scheme ? `unsupported store URL scheme "${scheme}:"` : 'the store URL has no scheme'}; use one of ${SupportedStoreUrls.join(', ')}`,
      );
  }
  try {
    await kv.startPurging(purgeEveryMs);
  } catch (error) {
    await kv.close().catch(() => undefined);
    throw error;
  }
  return kv;
}

/** `sqlite://./data/mull.sqlite` → `./data/mull.sqlite`; `sqlite:///var/mull.db` → `/var/mull.db`. */
function sqliteLocation(url: string): string {
  const match = /^sqlite:\/\/(.*)$/i.exec(url);
  const location = match?.[1] ?? '';
  if (location === '') {
    throw new StoreError('a SQLite store URL needs a path: sqlite://PATH (relative to the working directory) or sqlite:///ABSOLUTE/PATH');
  }
  return decodeURIComponent(location);
}

/**
 * `host:port`, plus `/database` for PostgreSQL: enough to find the server, never the user name
 * or password.
 */
function describeServer(url: string, defaultPort: number, withDatabase = false): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the configured server (the URL could not be parsed)';
  }
  const host = parsed.hostname || 'localhost';
  const database = withDatabase && parsed.pathname.length > 1 ? parsed.pathname : '';
  return `${host}:${parsed.port || defaultPort}${database}`;
}

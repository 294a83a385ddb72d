import { StoreError } from '../core/errors.js';

/** The URL forms openStore accepts, for error messages and docs. */
export const SupportedStoreUrls = [
  'sqlite://PATH',
  'postgres://USER[:PASSWORD]@HOST:PORT/DATABASE[?schema=NAME]',
  'postgresql://…',
  'memory://',
] as const;

export type StoreLocation =
  | { engine: 'sqlite'; file: string }
  | { engine: 'memory' }
  | { engine: 'postgres'; connectionString: string; schema: string | undefined; where: string };

/** PostgreSQL schema names we create and set as search_path: plain identifiers only. */
const SCHEMA_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Reads a store URL. Only the scheme is ever echoed in an error: the rest may hold a password.
 * A `redis://` URL is refused with what changed: Redis no longer holds the store.
 */
export function parseStoreUrl(url: string): StoreLocation {
  const trimmed = url.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  switch (scheme) {
    case 'sqlite': {
      const location = /^sqlite:\/\/(.*)$/i.exec(trimmed)?.[1] ?? '';
      if (location === '') {
        throw new StoreError('a SQLite store URL needs a path: sqlite://PATH (relative to the working directory) or sqlite:///ABSOLUTE/PATH');
      }
      return { engine: 'sqlite', file: decodeURIComponent(location) };
    }
    case 'memory':
      return { engine: 'memory' };
    case 'postgres':
    case 'postgresql': {
      let parsed: URL;
      try {
        parsed = new URL(trimmed);
      } catch {
        throw new StoreError('the PostgreSQL store URL could not be parsed; expected postgres://USER[:PASSWORD]@HOST:PORT/DATABASE');
      }
      const schema = parsed.searchParams.get('schema') ?? undefined;
      if (schema !== undefined && !SCHEMA_PATTERN.test(schema)) {
        throw new StoreError(`the store URL's schema must be a plain identifier (letters, digits, '_'), got ${JSON.stringify(schema)}`);
      }
      parsed.searchParams.delete('schema');
      const database = parsed.pathname.length > 1 ? parsed.pathname : '';
      return {
        engine: 'postgres',
        connectionString: parsed.toString(),
        schema,
        where: `${parsed.hostname || 'localhost'}:${parsed.port || 5432}${database}`,
      };
    }
    case 'redis':
    case 'rediss':
      throw new StoreError(
        'MULL_STORE_URL no longer takes redis://: the store is SQL now (sqlite://PATH or postgres://…); put Redis in MULL_REDIS_URL, where it holds short-lived keys (de-duplication, locks)',
      );
    default:
      throw new StoreError(
        `${scheme ? `unsupported store URL scheme "${scheme}:"` : 'the store URL has no scheme'}; use one of ${SupportedStoreUrls.join(', ')}`,
      );
  }
}

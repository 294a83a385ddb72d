import { createClient } from '@keyv/redis';
import pg from 'pg';
import { describe, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';

/** The services CI starts on loopback; override to point the suite elsewhere. */
export const REDIS_URL = process.env.MULL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env.MULL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** CI sets this: a missing service is then a failure, not a skip. */
export const REQUIRE_SERVICES = process.env.MULL_REQUIRE_SERVICES === '1';

/** Undefined when PostgreSQL answers at `url`, else why not. */
export async function postgresUnreachable(url = POSTGRES_URL): Promise<string | undefined> {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await pool.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || String((error as { code?: string }).code) : String(error);
  } finally {
    await pool.end();
  }
}

/** Undefined when Redis answers at `url`, else why not. */
export async function redisUnreachable(url = REDIS_URL): Promise<string | undefined> {
  try {
    const store = await openStore('memory://', { redisUrl: url, redisPrefix: 'probe:' });
    await store.close();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Declares the suite for a service, or explains why it cannot run: skipped with a console line
 * locally, failed under MULL_REQUIRE_SERVICES=1.
 */
export function describeService(name: string, reason: string | undefined, body: () => void): void {
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  if (REQUIRE_SERVICES) {
    describe(name, () => {
      it(`needs ${name} (MULL_REQUIRE_SERVICES=1)`, () => {
        throw new Error(`${name} is required but unreachable: ${reason}`);
      });
    });
    return;
  }
  console.warn(`[store] skipping ${name} tests: ${reason} (set MULL_REQUIRE_SERVICES=1 to fail instead)`);
  describe.skipIf(true)(name, body);
}

let counter = 0;
/** A name no other test, test file or earlier run uses: letters, digits and '_' only. */
export function uniqueName(label: string): string {
  counter += 1;
  return `t_${label}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** A PostgreSQL store URL in a schema of its own (created by openStore, dropped by dropPostgresSchema). */
export function postgresSchemaUrl(schema: string, url = POSTGRES_URL): string {
  return `${url}${url.includes('?') ? '&' : '?'}schema=${schema}`;
}

/** Drops a test's schema and everything in it. */
export async function dropPostgresSchema(schema: string, url = POSTGRES_URL): Promise<void> {
  const pool = new pg.Pool({ connectionString: url });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}

/** Removes a test's keys from the shared Redis, so repeated runs do not grow it. */
export async function dropRedisPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } finally {
    client.destroy();
  }
}

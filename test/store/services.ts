import { createClient } from '@keyv/redis';
import { describe, it } from 'vitest';
import { loadPg } from '../../src/store/kv-postgres.js';
import { openKeyValueStore } from '../../src/store/open-kv.js';

/** The services CI starts on loopback; override to point the suite elsewhere. */
export const REDIS_URL = process.env.MULL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const POSTGRES_URL = process.env.MULL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** CI sets this: a missing service is then a failure, not a skip. */
export const REQUIRE_SERVICES = process.env.MULL_REQUIRE_SERVICES === '1';

/** Undefined when the store at `url` can be opened, else why not. */
export async function unreachable(url: string): Promise<string | undefined> {
  try {
    const kv = await openKeyValueStore(url, { namespace: 'probe' });
    await kv.close();
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
/** A namespace no other test, test file or earlier run uses. */
export function uniqueNamespace(label: string): string {
  counter += 1;
  return `t-${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** Removes what a test left in a shared Redis, so repeated runs do not grow it. */
export async function dropRedisNamespace(url: string, namespace: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${namespace}:*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } finally {
    client.destroy();
  }
}

/** Removes what a test left in a shared PostgreSQL table. */
export async function dropPostgresNamespace(url: string, namespace: string): Promise<void> {
  const { Pool } = loadPg();
  const pool = new Pool({ connectionString: url });
  try {
    const prefix = `${namespace}:`;
    await pool.query('DELETE FROM public.mull_kv WHERE left(key, $1) = $2', [prefix.length, prefix]);
  } finally {
    await pool.end();
  }
}

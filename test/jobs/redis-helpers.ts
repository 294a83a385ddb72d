/**
 * The real Redis for queue tests: each test gets its own key prefix and deletes every key under
 * it afterwards (SCAN + UNLINK; never FLUSHDB, other suites share the server).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { REDIS_URL } from '../store/services.js';

export { REDIS_URL };

/** Undefined when Redis answers, else why not. */
export async function redisUnreachable(url: string = REDIS_URL): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.disconnect();
  }
}

/** A prefix no other test or run uses. */
export function testPrefix(label = 'jobs'): string {
  return `mull-test-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix:`; returns how many there were. */
export async function deleteKeys(prefix: string, url: string = REDIS_URL): Promise<number> {
  const client = new Redis(url);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await client.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return deleted;
}

/** Keys currently under `prefix:`. */
export async function countKeys(prefix: string, url: string = REDIS_URL): Promise<number> {
  const client = new Redis(url);
  try {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  } finally {
    client.disconnect();
  }
}

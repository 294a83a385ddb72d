import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { coordinationSuite } from './coordination-suite.js';
import { describeService, dropRedisPrefix, REDIS_URL, redisUnreachable, uniqueName } from './services.js';

const folder = mkdtempSync(path.join(tmpdir(), 'mull-redis-'));
const prefix = `${uniqueName('redis')}:`;
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  if ((await redisUnreachable()) === undefined) await dropRedisPrefix(prefix);
});
let files = 0;

describeService('Redis', await redisUnreachable(), () => {
  // Short-lived keys (de-duplication, locks) in Redis, everything else in SQLite.
  describe('short-lived keys in Redis', () => {
    coordinationSuite({
      backend: 'sqlite',
      freshUrl: () => `sqlite://${path.join(folder, `redis-${++files}.sqlite`)}`,
      shared: true,
      // One prefix per database file: stores sharing a file share their locks too.
      options: (url) => ({ redisUrl: REDIS_URL, redisPrefix: `${prefix}${path.basename(url)}:` }),
    });
  });

  it('keeps de-duplication marks in Redis with a native TTL, not in the database', async () => {
    const mine = `${prefix}native:`;
    const store = await openStore('memory://', { redisUrl: REDIS_URL, redisPrefix: mine });
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      expect(await store.setIfAbsent('event:1', 'seen', 60_000)).toBe(true);
      expect(await store.setIfAbsent('event:1', 'again', 60_000)).toBe(false);
      expect(await client.get(`${mine}once/event:1`)).toBe('seen');
      const ttl = await client.pTTL(`${mine}once/event:1`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      client.destroy();
      await store.close();
    }
  });
});

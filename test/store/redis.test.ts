import { createClient } from '@keyv/redis';
import { afterAll, expect, it } from 'vitest';
import { openKeyValueStore } from '../../src/store/open-kv.js';
import { dropRedisNamespace, describeService, REDIS_URL, uniqueNamespace, unreachable } from './services.js';
import { storeSuite } from './store-suite.js';

describeService('Redis', await unreachable(REDIS_URL), () => {
  storeSuite({
    backend: 'redis',
    url: REDIS_URL,
    shared: true,
    drop: (namespace) => dropRedisNamespace(REDIS_URL, namespace),
  });

  const namespace = uniqueNamespace('redis-native');
  afterAll(() => dropRedisNamespace(REDIS_URL, namespace));

  it('setIfAbsent writes a key keyv reads back, with a native Redis TTL', async () => {
    const kv = await openKeyValueStore(REDIS_URL, { namespace });
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      expect(await kv.setIfAbsent('event:1', 'seen', 60_000)).toBe(true);
      expect(await kv.get('event:1')).toBe('seen');
      const ttl = await client.pTTL(`${namespace}:event:1`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // Plain keys carry no TTL at all.
      await kv.set('forever', 1);
      expect(await client.pTTL(`${namespace}:forever`)).toBe(-1);
    } finally {
      client.destroy();
      await kv.close();
    }
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { loadPg } from '../../src/store/kv-postgres.js';
import { openKeyValueStore } from '../../src/store/open-kv.js';
import { dropPostgresNamespace, describeService, POSTGRES_URL, uniqueNamespace, unreachable } from './services.js';
import { storeSuite } from './store-suite.js';

describeService('PostgreSQL', await unreachable(POSTGRES_URL), () => {
  storeSuite({
    backend: 'postgres',
    url: POSTGRES_URL,
    shared: true,
    drop: (namespace) => dropPostgresNamespace(POSTGRES_URL, namespace),
  });

  const namespace = uniqueNamespace('pg-sweep');
  afterAll(() => dropPostgresNamespace(POSTGRES_URL, namespace));

  it('sweeps expired rows that nobody reads again', async () => {
    const kv = await openKeyValueStore(POSTGRES_URL, { namespace, purgeEveryMs: 50 });
    try {
      expect(await kv.setIfAbsent('event:1', 'seen', 20)).toBe(true);
      await kv.set('ttl', 'short', 20);
      await kv.set('forever', 'kept');
      await sleep(300);
    } finally {
      await kv.close();
    }
    const { Pool } = loadPg();
    const pool = new Pool({ connectionString: POSTGRES_URL });
    try {
      const { rows } = await pool.query('SELECT key FROM public.mull_kv WHERE left(key, $1) = $2 ORDER BY key', [
        namespace.length + 1,
        `${namespace}:`,
      ]);
      expect(rows).toEqual([{ key: `${namespace}:forever` }]);
    } finally {
      await pool.end();
    }
  });
});

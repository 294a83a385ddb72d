import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/open-store.js';

// A private redis-server, so the test can kill and restart it without disturbing the shared one.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) console.warn('[store] skipping the Redis outage test: no redis-server binary on PATH');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function startRedis(port: number): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
}

/** Retries `attempt` until it stops throwing, for up to `ms`. */
async function eventually<T>(attempt: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

describe.skipIf(!hasRedisServer)('Redis outage', () => {
  it('fails fast with a StoreError while Redis is down and recovers when it is back', async () => {
    const port = await freePort();
    let server = startRedis(port);
    try {
      const redisUrl = `redis://127.0.0.1:${port}`;
      const store = await eventually(() => openStore('memory://', { redisUrl }), 5_000);
      expect(await store.setIfAbsent('before', '1', 60_000)).toBe(true);

      server.kill('SIGKILL');
      await new Promise((resolve) => server.once('exit', resolve));
      const started = Date.now();
      // The client notices the dead socket asynchronously; a command just before that may still
      // be in flight. From then on every call must fail at once instead of queueing.
      let outage: unknown;
      while (outage === undefined && Date.now() - started < 2_000) {
        outage = await store.setIfAbsent('during', '1', 60_000).then(() => sleep(20).then(() => undefined), (error: unknown) => error);
      }
      expect(outage).toBeInstanceOf(StoreError);
      expect((outage as Error).message).toMatch(/^memory: setIfAbsent failed: /);
      await expect(store.acquireLock('pass', 1_000)).rejects.toBeInstanceOf(StoreError);
      expect(Date.now() - started).toBeLessThan(3_000);
      // The durable data is in the database, untouched by the outage.
      expect(await store.putMessages('slack:T1:C1', [{ id: 'a', ts: 1, user: 'U1', text: 'kept' }])).toMatchObject({ added: 1 });

      server = startRedis(port);
      // Reconnection backs off to at most 2 s between attempts.
      expect(await eventually(() => store.setIfAbsent('after', '2', 60_000), 8_000)).toBe(true);
      expect(await store.setIfAbsent('after', '3', 60_000)).toBe(false);
      await store.close();
    } finally {
      server.kill('SIGKILL');
    }
  }, 20_000);
});

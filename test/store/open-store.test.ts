import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/open-store.js';

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(url: string, namespace?: string): Promise<Error> {
  const error = await openStore(url, namespace === undefined ? {} : { namespace }).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as Error;
}

describe('openStore', () => {
  it('names an unsupported scheme and the valid ones, without echoing the URL', async () => {
    const { message } = await failure('mysql://admin:hunter2@db.internal:3306/mull');
    expect(message).toContain('unsupported store URL scheme "mysql:"');
    for (const scheme of ['sqlite://', 'redis://', 'postgres://', 'postgresql://', 'memory://']) expect(message).toContain(scheme);
    expect(message).not.toMatch(/hunter2|admin|db\.internal/);
    expect((await failure('./data/mull.sqlite')).message).toContain('the store URL has no scheme');
  });

  it('explains an unreachable Redis by address and cause, never by credentials', async () => {
    const port = await closedPort();
    const started = Date.now();
    const { message } = await failure(`redis://mull:hunter2@127.0.0.1:${port}/0`);
    expect(message).toBe(`cannot reach Redis at 127.0.0.1:${port}: ECONNREFUSED`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('explains an unreachable PostgreSQL by address, database and cause, never by credentials', async () => {
    const port = await closedPort();
    const { message } = await failure(`postgres://mull:hunter2@127.0.0.1:${port}/mull`);
    expect(message).toBe(`cannot reach PostgreSQL at 127.0.0.1:${port}/mull: ECONNREFUSED`);
  });

  it('refuses a namespace that could not be a plain key prefix', async () => {
    expect((await failure('memory://', 'has space')).message).toContain('store namespace');
    expect((await failure('memory://', '')).message).toContain('store namespace');
  });

  it('needs a path for SQLite', async () => {
    expect((await failure('sqlite://')).message).toContain('needs a path');
  });

  it('opens a private memory store', async () => {
    const first = await openStore('memory://');
    const second = await openStore('memory://');
    expect(first.backend).toBe('memory');
    await first.setState('k', 1);
    expect(await second.getState('k')).toBeUndefined();
    await Promise.all([first.close(), second.close()]);
  });
});

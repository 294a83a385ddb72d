import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
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

async function failure(url: string, options: Parameters<typeof openStore>[1] = {}): Promise<Error> {
  const error = await openStore(url, options).then(
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
    for (const scheme of ['sqlite://', 'postgres://', 'postgresql://', 'memory://']) expect(message).toContain(scheme);
    expect(message).not.toMatch(/hunter2|admin|db\.internal/);
    expect((await failure('./data/mull.sqlite')).message).toContain('the store URL has no scheme');
  });

  it('says in one line that a redis:// store URL moved to MULL_REDIS_URL', async () => {
    const { message } = await failure('redis://mull:hunter2@127.0.0.1:6379/0');
    expect(message).not.toContain('\n');
    expect(message).toContain('MULL_STORE_URL no longer takes redis://');
    expect(message).toContain('MULL_REDIS_URL');
    expect(message).not.toMatch(/hunter2/);
  });

  it('explains an unreachable Redis by address and cause, never by credentials', async () => {
    const port = await closedPort();
    const started = Date.now();
    const { message } = await failure('memory://', { redisUrl: `redis://mull:hunter2@127.0.0.1:${port}/0` });
    expect(message).toBe(`cannot reach Redis at 127.0.0.1:${port}: ECONNREFUSED`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('explains an unreachable PostgreSQL by address, database and cause, never by credentials', async () => {
    const port = await closedPort();
    const { message } = await failure(`postgres://mull:hunter2@127.0.0.1:${port}/mull`);
    expect(message).toBe(`cannot reach PostgreSQL at 127.0.0.1:${port}/mull: ECONNREFUSED`);
  });

  it('refuses a PostgreSQL schema that is not a plain identifier', async () => {
    expect((await failure('postgres://127.0.0.1/test?schema=a;drop')).message).toContain('plain identifier');
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

describe('a store an earlier Mull wrote as key-value rows', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'mull-legacy-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** An SQLite file as the keyv-based versions left it: their one table, with a channel's messages in it. */
  function legacyFile(name: string): string {
    const file = path.join(folder, name);
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE mull_kv (key VARCHAR(255) PRIMARY KEY, value TEXT)');
    db.prepare('INSERT INTO mull_kv (key, value) VALUES (?, ?)').run('mull:messages/chunk/0/slack:T1:C1', '{"value":"[]"}');
    db.close();
    return file;
  }

  const tables = (file: string) => {
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name);
    } finally {
      db.close();
    }
  };

  it('is refused, naming the file and what to do, and left as it was', async () => {
    const file = legacyFile('old.sqlite');
    const { message } = await failure(`sqlite://${file}`);
    expect(message).toContain(file);
    expect(message).toContain('earlier version of Mull');
    expect(message).toContain('MULL_STORE_URL');
    expect(message).toContain('mull import');
    expect(tables(file)).toEqual(['mull_kv']); // no SQL table was created beside it
  });

  it('opens when the SQL tables hold messages beside the old rows (history imported again)', async () => {
    const file = path.join(folder, 'both.sqlite');
    const store = await openStore(`sqlite://${file}`);
    await store.putMessages('slack:T1:C1', [{ id: 'a', ts: 1, user: 'U1', text: 'hello' }]);
    await store.close();
    const db = new BetterSqlite3(file);
    db.exec("CREATE TABLE mull_kv (key VARCHAR(255) PRIMARY KEY, value TEXT); INSERT INTO mull_kv VALUES ('k', 'v')");
    db.close();
    const reopened = await openStore(`sqlite://${file}`);
    expect(await reopened.countMessages('slack:T1:C1')).toBe(1);
    await reopened.close();
  });
});

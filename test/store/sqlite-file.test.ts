import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { SqliteKeyValueStore } from '../../src/store/kv-sqlite.js';
import { openKeyValueStore } from '../../src/store/open-kv.js';
import { openStore } from '../../src/store/open-store.js';

const folder = mkdtempSync(path.join(tmpdir(), 'mull-sqlite-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs one query on a separate connection, as another process would see the file. */
async function query(file: string, sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]> {
  const db = new sqlite3.Database(file);
  try {
    return await new Promise((resolve, reject) =>
      db.all(sql, params, (error: Error | null, rows: Record<string, unknown>[]) => (error ? reject(error) : resolve(rows))),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

describe('SQLite file', () => {
  it('keeps everything across a close and reopen', async () => {
    const file = path.join(folder, 'reopen.sqlite');
    const first = await openStore(`sqlite://${file}`, { namespace: 'reopen' });
    await first.putMessages('slack:T1:C1', [
      { id: '1700000000.000100', ts: 1_700_000_000_000, user: 'U1', text: 'hello' },
      { id: '1700000001.000100', ts: 1_700_000_001_000, user: 'U2', text: 'world' },
    ]);
    await first.commitLearned(
      { channel: 'slack:T1:C1', version: 1, committedAt: 1, watermark: { ts: 1_700_000_001_000, id: '1700000001.000100' }, summary: 's', notes: [], questions: [], source: 'offline', rework: [] },
      0,
    );
    await first.setState('cursor', 42);
    await first.close();

    const second = await openStore(`sqlite://${file}`, { namespace: 'reopen' });
    try {
      expect((await second.readMessages('slack:T1:C1')).map((m) => m.text)).toEqual(['hello', 'world']);
      expect((await second.getLearned('slack:T1:C1'))?.watermark?.id).toBe('1700000001.000100');
      expect(await second.getState('cursor')).toBe(42);
      // Another namespace in the same file sees none of it.
      const other = await openStore(`sqlite://${file}`, { namespace: 'other' });
      expect(await other.countMessages('slack:T1:C1')).toBe(0);
      await other.close();
    } finally {
      await second.close();
    }
  });

  it('runs in WAL mode with synchronous=NORMAL', async () => {
    const file = path.join(folder, 'wal.sqlite');
    const kv = await openKeyValueStore(`sqlite://${file}`, { namespace: 'wal' });
    try {
      expect(kv).toBeInstanceOf(SqliteKeyValueStore);
      await kv.set('k', 'v');
      // journal_mode=WAL is a property of the file: a fresh connection sees it.
      expect(await query(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(existsSync(`${file}-wal`)).toBe(true);
      // synchronous is per connection: 1 is NORMAL (the default, 2, is FULL).
      expect(await (kv as SqliteKeyValueStore).pragma('synchronous')).toEqual([{ synchronous: 1 }]);
    } finally {
      await kv.close();
    }
  });

  it('resolves a relative path against the working directory and creates its folders', async () => {
    const file = path.join(folder, 'nested', 'deeper', 'mull.sqlite');
    const relative = path.relative(process.cwd(), file);
    expect(path.isAbsolute(relative)).toBe(false);
    const store = await openStore(`sqlite://${relative}`, { namespace: 'relative' });
    await store.setState('here', true);
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('sweeps expired keys that nobody reads again', async () => {
    const file = path.join(folder, 'sweep.sqlite');
    const kv = await openKeyValueStore(`sqlite://${file}`, { namespace: 'sweep', purgeEveryMs: 50 });
    try {
      expect(await kv.setIfAbsent('event:1', 'seen', 20)).toBe(true);
      await kv.set('ttl', 'short', 20);
      await kv.set('forever', 'kept');
      await sleep(300);
      const rows = await query(file, "SELECT key FROM mull_kv WHERE key LIKE 'sweep:%' ORDER BY key");
      expect(rows).toEqual([{ key: 'sweep:forever' }]);
    } finally {
      await kv.close();
    }
  });

  it('says which path it cannot use', async () => {
    const blocker = path.join(folder, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const failure = await openStore(`sqlite://${blocker}/mull.sqlite`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as Error).message).toContain(`cannot create the folder for SQLite database ${blocker}/mull.sqlite`);
  });
});

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { openSqlStore, openStore } from '../../src/store/open-store.js';

const folder = mkdtempSync(path.join(tmpdir(), 'mull-sqlite-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs one query on a separate connection, as another process would see the file. */
function query(file: string, sql: string): unknown[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('SQLite file', () => {
  it('keeps everything across a close and reopen', async () => {
    const file = path.join(folder, 'reopen.sqlite');
    const first = await openStore(`sqlite://${file}`);
    await first.putMessages('slack:T1:C1', [
      { id: '1700000000.000100', ts: 1_700_000_000_000.1, user: 'U1', text: 'hello' },
      { id: '1700000001.000100', ts: 1_700_000_001_000.1, user: 'U2', text: 'world', bot: false, threadId: '1700000000.000100' },
    ]);
    await first.commitLearned(
      { channel: 'slack:T1:C1', version: 1, committedAt: 1, watermark: { ts: 1_700_000_001_000.1, id: '1700000001.000100' }, summary: 's', notes: [], questions: [], source: 'offline', rework: [] },
      0,
    );
    await first.setState('cursor', 42);
    await first.close();

    const second = await openStore(`sqlite://${file}`);
    try {
      expect(await second.readMessages('slack:T1:C1')).toEqual([
        { id: '1700000000.000100', ts: 1_700_000_000_000.1, user: 'U1', text: 'hello' },
        { id: '1700000001.000100', ts: 1_700_000_001_000.1, user: 'U2', text: 'world', bot: false, threadId: '1700000000.000100' },
      ]);
      expect((await second.getLearned('slack:T1:C1'))?.watermark).toEqual({ ts: 1_700_000_001_000.1, id: '1700000001.000100' });
      expect(await second.getState('cursor')).toBe(42);
    } finally {
      await second.close();
    }
  });

  it('runs in WAL mode with synchronous=NORMAL', async () => {
    const file = path.join(folder, 'wal.sqlite');
    const store = await openStore(`sqlite://${file}`);
    try {
      await store.setState('k', 'v');
      // journal_mode=WAL is a property of the file: a fresh connection sees it.
      expect(query(file, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(existsSync(`${file}-wal`)).toBe(true);
    } finally {
      await store.close();
    }
    // synchronous is per connection: 1 is NORMAL (the default, 2, is FULL).
    const sql = await openSqlStore(`sqlite://${file}`);
    try {
      const { sql: raw } = await import('kysely');
      expect((await raw<{ synchronous: number }>`PRAGMA synchronous`.execute(sql.kysely)).rows).toEqual([{ synchronous: 1 }]);
    } finally {
      await sql.close();
    }
  });

  it('resolves a relative path against the working directory and creates its folders', async () => {
    const file = path.join(folder, 'nested', 'deeper', 'mull.sqlite');
    const relative = path.relative(process.cwd(), file);
    expect(path.isAbsolute(relative)).toBe(false);
    const store = await openStore(`sqlite://${relative}`);
    await store.setState('here', true);
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('sweeps expired keys and state that nobody reads again', async () => {
    const file = path.join(folder, 'sweep.sqlite');
    const store = await openSqlStore(`sqlite://${file}`);
    try {
      expect(await store.setIfAbsent('event:1', 'seen', 20)).toBe(true);
      expect(await store.setIfAbsent('event:2', 'seen', 60_000)).toBe(true);
      await store.setState('ttl', 'short', 20);
      await store.setState('forever', 'kept');
      await store.sweep(Date.now() + 1_000);
      expect(query(file, 'SELECT key FROM short_lived ORDER BY key')).toEqual([{ key: 'once/event:2' }]);
      expect(query(file, 'SELECT key FROM state ORDER BY key')).toEqual([{ key: 'forever' }]);
    } finally {
      await store.close();
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

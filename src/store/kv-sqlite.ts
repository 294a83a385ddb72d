import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import type { KeyvEntry } from 'keyv';
import { StoreError } from '../core/errors.js';
import { describeError, KeyvKeyValueStore } from './keyv-kv.js';
import { encodeEnvelope } from './kv.js';

/** Our own table, so a database file shared with other keyv users never mixes rows. */
const TABLE = 'mull_kv';

/**
 * How long a statement waits for another connection's write lock (a second process on the same
 * file, such as `mull import` next to a running bot) before failing with SQLITE_BUSY.
 * @unit milliseconds
 */
const BUSY_TIMEOUT_MS = 5_000;

type Row = Record<string, unknown>;

/**
 * @keyv/sqlite 4 has no setMany, so keyv would fall back to one INSERT per key, each its own
 * transaction. One multi-row upsert is one statement, one transaction, one round trip.
 */
class SqliteAdapter extends KeyvSqlite {
  async setMany(entries: KeyvEntry[]): Promise<void> {
    if (entries.length === 0) return;
    // Bound parameters, not a JSON array of rows: the values are serialized JSON already, and
    // encoding them again (then parsing in SQLite) costs more than the write on the hot path.
    // Callers batch at most 128 entries, far below SQLite's 32,766 bound parameters.
    await this.query(
      `INSERT INTO ${TABLE} (key, value) VALUES ${entries.map(() => '(?, ?)').join(', ')}
       ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
      ...entries.flatMap((entry) => [entry.key, entry.value]),
    );
  }
}

/**
 * The embedded default: one file, one connection per process.
 *
 * The conditional writes need no process-local mutex: each is a single SQL statement, and SQLite
 * runs a statement atomically under its database write lock, which also holds across processes
 * sharing the file.
 */
export class SqliteKeyValueStore extends KeyvKeyValueStore {
  readonly backend = 'sqlite' as const;
  // setMany is one multi-row upsert, and SQLite runs a statement as one transaction.
  override readonly atomicSetMany = true;
  private readonly adapter: SqliteAdapter;

  constructor(adapter: SqliteAdapter, namespace: string) {
    super(adapter, namespace);
    this.adapter = adapter;
  }

  protected async setIfAbsentRaw(rawKey: string, value: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    // Inserts a new row, or takes over a row whose envelope has expired; RETURNING yields a row
    // only when this statement wrote. A row without `expires` never expires (NULL < now is NULL).
    const rows: Row[] = await this.adapter.query(
      `INSERT INTO ${TABLE} (key, value) VALUES (?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value
       WHERE json_extract(${TABLE}.value, '$.expires') < ?
       RETURNING key`,
      rawKey,
      encodeEnvelope(value, now + ttlMs),
      now,
    );
    return rows.length > 0;
  }

  protected async deleteIfValueRaw(rawKey: string, value: string): Promise<boolean> {
    const rows: Row[] = await this.adapter.query(
      `DELETE FROM ${TABLE} WHERE key = ? AND json_extract(value, '$.value') = ? RETURNING key`,
      rawKey,
      value,
    );
    return rows.length > 0;
  }

  protected async purgeExpired(now: number): Promise<void> {
    await this.adapter.query(
      `DELETE FROM ${TABLE} WHERE substr(key, 1, ?) = ? AND json_extract(value, '$.expires') < ?`,
      this.keyPrefix.length,
      this.keyPrefix,
      now,
    );
  }

  protected async closeBackend(): Promise<void> {
    await this.keyv.disconnect();
  }

  /** Runs a statement on this store's connection (pragmas; tests). */
  async pragma(statement: string): Promise<Row[]> {
    return this.run('pragma', () => this.adapter.query(`PRAGMA ${statement}`));
  }
}

/**
 * Opens (creating it and its folder if needed) the SQLite database at `location`, a file path
 * relative to the working directory, or `:memory:`.
 */
export async function openSqliteKv(location: string, namespace: string): Promise<SqliteKeyValueStore> {
  const inMemory = location === ':memory:';
  const file = inMemory ? location : path.resolve(location);
  if (!inMemory) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError(`cannot create the folder for SQLite database ${file}: ${describeError(error)}`, {
        cause: error,
      });
    }
  }
  const store = new SqliteKeyValueStore(
    new SqliteAdapter({ uri: `sqlite://${file}`, table: TABLE, busyTimeout: BUSY_TIMEOUT_MS }),
    namespace,
  );
  try {
    // The default rollback journal fsyncs on every commit (10k writes: ~16 s). WAL with
    // synchronous=NORMAL fsyncs at checkpoints only (~2 s) and still never corrupts the file;
    // a power cut can lose the last commits, which the next import or event re-delivers.
    // journal_mode=WAL is stored in the file; synchronous is per connection, and the adapter
    // keeps a single connection, so setting both here covers every statement.
    const [mode] = await store.pragma('journal_mode=WAL');
    if (!inMemory && mode?.journal_mode !== 'wal') {
      throw new StoreError(`SQLite refused WAL mode (journal_mode is ${String(mode?.journal_mode)})`);
    }
    await store.pragma('synchronous=NORMAL');
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new StoreError(`cannot open SQLite database at ${file}: ${describeError(error)}`, { cause: error });
  }
  return store;
}

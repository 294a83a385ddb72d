import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type LogEvent,
  type SqliteDialectConfig,
} from 'kysely';
import type pg from 'pg';
import { StoreError } from '../core/errors.js';
import type { Database, Engine } from './database.js';
import { describeError } from './describe-error.js';
import { migrationProvider } from './migrations/index.js';
import type { StoreLocation } from './store-url.js';
import { fileWriteQueue, noQueue, type WriteQueue } from './write-queue.js';

/**
 * How long a SQLite statement waits for another process's write (a `mull import` beside the
 * bot) before failing with SQLITE_BUSY. @unit milliseconds
 */
const BUSY_TIMEOUT_MS = 10_000;
/** How long the first PostgreSQL connection may take before openStore gives up. @unit milliseconds */
const CONNECT_TIMEOUT_MS = 5_000;
/** PostgreSQL connections per process. */
const POOL_SIZE = 10;

export interface OpenedDatabase {
  db: Kysely<Database>;
  engine: Engine;
  /** PostgreSQL: the schema the tables live in. */
  schema?: string;
  /** Every write goes through it (see write-queue.ts). */
  writes: WriteQueue;
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: they take the write lock up front, so a
 * transaction that reads then writes waits (busy_timeout) for another process's writer instead of
 * failing with SQLITE_BUSY when it tries to upgrade its read lock.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** pg returns int8 (counts, bigserial, sums of bigint) as strings; every one here fits a double. */
function pgTypes(types: typeof pg.types) {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === 20 || oid === 1700) return (value: string) => Number(value);
      return types.getTypeParser(oid, format);
    },
  };
}

/** Opens the database, then brings its schema up to date under Kysely's Migrator (which locks). */
export async function openDatabase(location: StoreLocation, onQuery?: (sql: string) => void): Promise<OpenedDatabase> {
  const log = onQuery && ((event: LogEvent) => onQuery(event.query.sql));
  const opened = location.engine === 'postgres' ? await openPostgres(location, log) : await openSqlite(location, log);
  try {
    await refuseLegacyLayout(opened, location);
    await opened.writes(() => migrateToLatest(opened));
  } catch (error) {
    await opened.db.destroy().catch(() => undefined);
    throw error;
  }
  return opened;
}

async function openSqlite(location: Extract<StoreLocation, { engine: 'sqlite' | 'memory' }>, log?: (event: LogEvent) => void): Promise<OpenedDatabase> {
  const file = location.engine === 'memory' ? ':memory:' : path.resolve(location.file);
  if (location.engine === 'sqlite') {
    try {
      await mkdir(path.dirname(file), { recursive: true });
    } catch (error) {
      throw new StoreError(`cannot create the folder for SQLite database ${location.file}: ${describeError(error)}`, { cause: error });
    }
  }
  // Each engine's driver is loaded only when used: the embedded default need not carry pg.
  const { default: Sqlite } = await import('better-sqlite3');
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new Sqlite(file, { timeout: BUSY_TIMEOUT_MS });
    // WAL: readers never wait for the writer and a commit is one append; synchronous=NORMAL
    // fsyncs at checkpoints, not every commit (a power cut can lose the last commits, never
    // corrupt the file).
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreError(`cannot open SQLite database ${file}: ${describeError(error)}`, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), log });
  return { db, engine: 'sqlite', writes: location.engine === 'memory' ? noQueue : fileWriteQueue(file) };
}

async function openPostgres(location: Extract<StoreLocation, { engine: 'postgres' }>, log?: (event: LogEvent) => void): Promise<OpenedDatabase> {
  const { default: pgModule } = await import('pg');
  const pool = new pgModule.Pool({
    connectionString: location.connectionString,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    max: POOL_SIZE,
    types: pgTypes(pgModule.types),
  });
  // An idle client's error (server restart) would otherwise crash the process; queries issued
  // meanwhile reject, which is where callers learn about it.
  pool.on('error', () => undefined);
  const schema = location.schema;
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StoreError(`cannot reach PostgreSQL at ${location.where}: ${describeError(error)}`, { cause: error });
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      // The schema is validated as a plain identifier in store-url.ts.
      onCreateConnection: schema
        ? async (connection) => {
            await connection.executeQuery(CompiledQuery.raw(`SET search_path TO "${schema}"`));
          }
        : undefined,
    }),
    log,
  });
  return { db, engine: 'postgres', writes: noQueue, schema: schema ?? (await currentSchema(db)) };
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

/** The one table Mull versions before the SQL tables (a key-value layout over keyv) wrote. */
const LEGACY_TABLE = 'mull_kv';

/**
 * A database an earlier Mull wrote as key-value rows (`mull_kv`), with no SQL-table history: this
 * version cannot read it, and opening it as if empty would look like every message was lost while
 * new passes billed tokens over nothing. Refused before anything is created, naming what to do.
 */
async function refuseLegacyLayout(opened: OpenedDatabase, location: StoreLocation): Promise<void> {
  const tables = (await opened.db.introspection.getTables()).filter((t) => !opened.schema || t.schema === opened.schema).map((t) => t.name);
  if (!tables.includes(LEGACY_TABLE)) return;
  const any = async (table: string) => (await sql`SELECT 1 FROM ${sql.table(table)} LIMIT 1`.execute(opened.db)).rows.length > 0;
  if (!(await any(LEGACY_TABLE))) return;
  if (tables.includes('messages') && (await any('messages'))) return;
  const where = location.engine === 'sqlite' ? location.file : location.engine === 'postgres' ? `this PostgreSQL database${opened.schema && opened.schema !== 'public' ? ` (schema ${opened.schema})` : ''}` : 'this database';
  throw new StoreError(
    `${where} holds a store written by an earlier version of Mull (key-value rows in table ${LEGACY_TABLE}), which this version does not read; nothing was changed. ` +
      'Keep it as a backup, point MULL_STORE_URL at a new store (e.g. sqlite://./data/mull-v2.sqlite) and run `mull import` on your exports again: passes rebuild what was learned.',
  );
}

/** Runs every pending migration; fails with the first one's error. */
export async function migrateToLatest({ db, engine, schema }: Pick<OpenedDatabase, 'db' | 'engine' | 'schema'>): Promise<void> {
  // The Migrator looks for its own tables by name in every schema; naming ours keeps another
  // schema's (another bot's, another test's) from being taken for ours.
  const migrator = new Migrator({ db, provider: migrationProvider(engine), migrationTableSchema: schema });
  // Kysely locks migrations on PostgreSQL, but its SQLite adapter takes no lock (it assumes one
  // connection): two processes starting on a new file at once (two shards, the bot and a CLI
  // command) can both find the schema missing, and the slower one's CREATE fails once the faster
  // one has committed. Its transaction rolled back whole, so running again reads what the winner
  // recorded and finds nothing left to do.
  const attempts = engine === 'postgres' ? 1 : SQLITE_MIGRATION_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    if (attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
      continue;
    }
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'a migration';
    throw new StoreError(`store migration ${failed} failed: ${describeError(error)}`, { cause: error });
  }
}

/** Tries at migrating an SQLite file another process may be migrating at the same moment. */
const SQLITE_MIGRATION_ATTEMPTS = 4;

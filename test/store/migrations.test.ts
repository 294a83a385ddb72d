import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/store/database.js';
import { migrationProvider, migrations } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import { describeService, dropPostgresSchema, POSTGRES_URL, postgresSchemaUrl, postgresUnreachable, uniqueName } from './services.js';

const folder = mkdtempSync(path.join(tmpdir(), 'mull-migrations-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const FIRST = Object.keys(migrations('sqlite'))[0]!;

interface Target {
  engine: Engine;
  /** A raw Kysely on a fresh database, and the store URL that names the same one. */
  fresh(): Promise<{ db: Kysely<any>; url: string; schema?: string; drop(): Promise<void> }>;
}

function migrationSuite(target: Target): void {
  const tables = async (db: Kysely<any>, schema?: string) =>
    (await db.introspection.getTables())
      .filter((table) => !schema || table.schema === schema)
      .map((table) => table.name)
      .filter((name) => !name.startsWith('kysely_'))
      .sort();

  it('runs every migration up from an empty database and all the way down again', async () => {
    const { db, schema, drop } = await target.fresh();
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(target.engine), migrationTableSchema: schema });
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((result) => [result.migrationName, result.status])).toEqual(
        Object.keys(migrations(target.engine)).map((name) => [name, 'Success']),
      );
      expect(await tables(db, schema)).toEqual(expect.arrayContaining(['channels', 'ledger', 'messages', 'learned_contexts', 'anticipated_questions', 'short_lived']));
      // Running again finds nothing to do.
      expect((await migrator.migrateToLatest()).results).toEqual([]);

      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(down.results?.map((result) => result.direction)).toEqual(Object.keys(migrations(target.engine)).map(() => 'Down'));
      expect(await tables(db, schema)).toEqual([]);
      // And up again from there.
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
    } finally {
      await db.destroy();
      await drop();
    }
  });

  it('upgrades a database on the previous schema, indexing the messages it already held', async () => {
    const { db, url, schema, drop } = await target.fresh();
    try {
      // The database as the first schema left it, with data.
      const migrator = new Migrator({ db, provider: migrationProvider(target.engine), migrationTableSchema: schema });
      expect((await migrator.migrateTo(FIRST)).error).toBeUndefined();
      await db
        .insertInto('messages')
        .values([
          { channel: 'slack:T1:C1', id: 'm1', ts: 1, user_id: 'U1', text: 'the launch moved to March', user_name: null, thread_id: null, edited_ts: null, bot: null },
          { channel: 'slack:T1:C2', id: 'm2', ts: 2, user_id: 'U1', text: 'launch elsewhere', user_name: null, thread_id: null, edited_ts: null, bot: null },
        ])
        .execute();
      await db.destroy();

      // Opening the store migrates it to the latest schema; the old rows become searchable.
      const store = await openStore(url);
      try {
        expect((await store.searchMessages('slack:T1:C1', ['launch'], 10)).map((hit) => hit.id)).toEqual(['m1']);
        expect(await store.countMessages('slack:T1:C1')).toBe(1);
      } finally {
        await store.close();
      }
    } finally {
      await drop();
    }
  });

  it('lets several stores open one database at once: the Migrator runs each migration once', async () => {
    const { db, url, drop } = await target.fresh();
    await db.destroy();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
      await Promise.all(stores.map((store) => store.close()));
      const check = await openStore(url);
      await check.putMessages('slack:T1:C1', [{ id: 'a', ts: 1, user: 'U', text: 'hello world' }]);
      expect(await check.searchMessages('slack:T1:C1', ['hello'], 5)).toHaveLength(1);
      await check.close();
    } finally {
      await drop();
    }
  });
}

let files = 0;
describe('migrations on SQLite', () => {
  migrationSuite({
    engine: 'sqlite',
    async fresh() {
      const file = path.join(folder, `m-${++files}.sqlite`);
      const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
      return { db, url: `sqlite://${file}`, drop: async () => undefined };
    },
  });
});

describeService('PostgreSQL', await postgresUnreachable(), () => {
  describe('migrations on PostgreSQL', () => {
    migrationSuite({
      engine: 'postgres',
      async fresh() {
        const schema = uniqueName('mig');
        const pool = new pg.Pool({ connectionString: POSTGRES_URL });
        await pool.query(`CREATE SCHEMA "${schema}"`);
        const db = new Kysely<any>({
          dialect: new PostgresDialect({
            pool,
            onCreateConnection: async (connection) => {
              await connection.executeQuery(CompiledQuery.raw(`SET search_path TO "${schema}"`));
            },
          }),
        });
        return { db, url: postgresSchemaUrl(schema), schema, drop: () => dropPostgresSchema(schema) };
      },
    });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, SqliteDialect, sql } from 'kysely';
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
  /** A raw Kysely on the database `url` names (from fresh()). */
  reopen(url: string): Promise<Kysely<any>>;
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

  it('moves the embeddings an older version kept in a question body into their own columns, and back down', async () => {
    const { db, url, schema, drop } = await target.fresh();
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(target.engine), migrationTableSchema: schema });
      expect((await migrator.migrateTo('0002-search')).error).toBeUndefined();
      const old = {
        id: 'q1', question: 'When is the launch?', answer: 'March 3.', citations: ['m1'], confidence: 0.8,
        embedding: [0.25, -1], paraphraseEmbeddings: [[0.5, 0.5]], lookalikeEmbeddings: [[1e-7, 3]],
      };
      const plain = { id: 'q2', question: 'Who owns billing?', answer: 'Ada.', citations: [], confidence: 0.5 };
      await db.insertInto('learned_contexts').values({
        channel: 'slack:T1:C1', version: 1, committed_at: 5, watermark_ts: null, watermark_id: null, summary: 's', source: 'model', model: null, rework: '[]',
      }).execute();
      await db.insertInto('anticipated_questions').values([
        { channel: 'slack:T1:C1', position: 0, id: 'q1', question: old.question, confidence: 0.8, body: JSON.stringify(old) },
        { channel: 'slack:T1:C1', position: 1, id: 'q2', question: plain.question, confidence: 0.5, body: JSON.stringify(plain) },
      ]).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const moved = await db.selectFrom('anticipated_questions').select(['body', 'embedding', 'vectors']).orderBy('position').execute();
      expect(JSON.parse(moved[0]!.body)).not.toHaveProperty('embedding');
      expect(moved[0]!.embedding).not.toBeNull();
      expect(moved[1]).toMatchObject({ embedding: null, vectors: null });
      await db.destroy();

      const store = await openStore(url);
      try {
        expect((await store.getLearned('slack:T1:C1'))?.questions).toEqual([old, plain]);
        expect((await store.getLearned('slack:T1:C1', { vectors: false }))?.questions[0]).not.toHaveProperty('paraphraseEmbeddings');
      } finally {
        await store.close();
      }

      const again = await target.reopen(url);
      try {
        const back = new Migrator({ db: again, provider: migrationProvider(target.engine), migrationTableSchema: schema });
        expect((await back.migrateTo('0002-search')).error).toBeUndefined();
        const rows = await again.selectFrom('anticipated_questions').select('body').orderBy('position').execute();
        expect(rows.map((row) => JSON.parse(row.body))).toEqual([old, plain]);
      } finally {
        await again.destroy();
      }
    } finally {
      await drop();
    }
  });

  it('moves the removed-channels list an older version kept as one state value into rows', async () => {
    const { db, url, schema, drop } = await target.fresh();
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(target.engine), migrationTableSchema: schema });
      expect((await migrator.migrateTo('0003-question-vectors')).error).toBeUndefined();
      await db.insertInto('state').values({ key: 'channels-removed', value: JSON.stringify({ 'slack:T1:C1': 1000, 'slack:T1:C2': 2000 }), expires_at: null }).execute();
      await db.destroy();
      const store = await openStore(url);
      try {
        expect(await store.removedChannels()).toEqual({ 'slack:T1:C1': 1000, 'slack:T1:C2': 2000 });
        expect(await store.getState('channels-removed')).toBeUndefined();
        await store.markChannelRemoved('slack:T1:C1', 5000); // a second removal keeps the first time
        expect((await store.removedChannels())['slack:T1:C1']).toBe(1000);
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

function sqliteDb(file: string): Kysely<any> {
  return new Kysely<any>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
}

/** A raw Kysely whose connections work in `schema`. */
function postgresDb(schema: string): Kysely<any> {
  return new Kysely<any>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: POSTGRES_URL }),
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(`SET search_path TO "${schema}"`));
      },
    }),
  });
}

let files = 0;
describe('migrations on SQLite', () => {
  migrationSuite({
    engine: 'sqlite',
    async fresh() {
      const file = path.join(folder, `m-${++files}.sqlite`);
      return { db: sqliteDb(file), url: `sqlite://${file}`, drop: async () => undefined };
    },
    reopen: async (url) => sqliteDb(url.slice('sqlite://'.length)),
  });
});

describeService('PostgreSQL', await postgresUnreachable(), () => {
  describe('migrations on PostgreSQL', () => {
    migrationSuite({
      engine: 'postgres',
      async fresh() {
        const schema = uniqueName('mig');
        const db = postgresDb(schema);
        await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
        return { db, url: postgresSchemaUrl(schema), schema, drop: () => dropPostgresSchema(schema) };
      },
      reopen: async (url) => postgresDb(new URL(url).searchParams.get('schema')!),
    });
  });
});

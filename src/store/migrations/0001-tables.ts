import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../database.js';

/**
 * The tables of the first SQL schema (see ../database.ts for what each column holds). Row ids are
 * `integer primary key` on SQLite (the rowid, which FTS5 refers to) and `bigserial` on PostgreSQL.
 */
export function tablesMigration(engine: Engine): Migration {
  const rowId = engine === 'sqlite' ? ('integer' as const) : ('bigserial' as const);
  const time = 'double precision' as const;
  // Ids and keys order by code unit, as everywhere else in Mull; PostgreSQL's default collation
  // would sort them by locale rules instead.
  const key = engine === 'postgres' ? sql`text collate "C"` : ('text' as const);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('workspaces')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('workspaces_pk', ['platform', 'id'])
        .execute();

      await db.schema
        .createTable('channels')
        .addColumn('key', key, (c) => c.primaryKey())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('workspace', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('is_private', 'integer', (c) => c.notNull())
        .addColumn('is_dm', 'integer', (c) => c.notNull())
        .addColumn('members_known', 'integer', (c) => c.notNull())
        .addColumn('members_updated_at', time)
        .execute();
      await db.schema
        .createTable('channel_members')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('channel_members_pk', ['channel', 'user_id'])
        .execute();
      // "Which channels can this user read" (DM answers) is a lookup by user.
      await db.schema.createIndex('channel_members_by_user').on('channel_members').columns(['user_id']).execute();

      await db.schema
        .createTable('messages')
        .addColumn('seq', rowId, (c) => c.primaryKey())
        .addColumn('channel', key, (c) => c.notNull())
        .addColumn('id', key, (c) => c.notNull())
        .addColumn('ts', time, (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('thread_id', 'text')
        .addColumn('edited_ts', time)
        .addColumn('bot', 'integer')
        .execute();
      await db.schema.createIndex('messages_by_id').unique().on('messages').columns(['channel', 'id']).execute();
      // Every read is a window of one channel in time order (ts, then id).
      await db.schema.createIndex('messages_by_time').on('messages').columns(['channel', 'ts', 'id']).execute();
      await db.schema.createIndex('messages_by_thread').on('messages').columns(['channel', 'thread_id']).execute();

      await db.schema
        .createTable('deleted_messages')
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('deleted_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('deleted_messages_pk', ['channel', 'id'])
        .execute();

      await db.schema
        .createTable('learned_contexts')
        .addColumn('channel', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('committed_at', time, (c) => c.notNull())
        .addColumn('watermark_ts', time)
        .addColumn('watermark_id', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('model', 'text')
        .addColumn('rework', 'text', (c) => c.notNull())
        .execute();
      for (const table of ['learned_notes', 'anticipated_questions'] as const) {
        let create = db.schema
          .createTable(table)
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull());
        create =
          table === 'learned_notes'
            ? create.addColumn('kind', 'text', (c) => c.notNull()).addColumn('text', 'text', (c) => c.notNull())
            : create.addColumn('question', 'text', (c) => c.notNull()).addColumn('confidence', time, (c) => c.notNull());
        await create
          .addColumn('body', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ['channel', 'position'])
          .execute();
      }

      await db.schema
        .createTable('question_log')
        .addColumn('seq', rowId, (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('ts', time, (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('path', 'text')
        .addColumn('message_id', 'text')
        .execute();
      await db.schema.createIndex('question_log_by_time').on('question_log').columns(['channel', 'ts']).execute();

      await db.schema
        .createTable('ledger')
        .addColumn('seq', rowId, (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('ts', time, (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('prompt_tokens', 'bigint', (c) => c.notNull())
        .addColumn('completion_tokens', 'bigint', (c) => c.notNull())
        .addColumn('cached_prompt_tokens', 'bigint', (c) => c.notNull())
        .addColumn('path', 'text')
        .addColumn('latency_ms', time)
        .addColumn('pass', 'text')
        .addColumn('feedback', 'text')
        .execute();
      await db.schema.createIndex('ledger_by_channel').on('ledger').columns(['channel', 'ts']).execute();
      await db.schema.createIndex('ledger_by_time').on('ledger').columns(['ts']).execute();

      await db.schema
        .createTable('state')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expires_at', time)
        .execute();
      await db.schema
        .createTable('short_lived')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('short_lived_by_expiry').on('short_lived').columns(['expires_at']).execute();
    },

    async down(db: Kysely<any>) {
      for (const table of [
        'short_lived', 'state', 'ledger', 'question_log', 'anticipated_questions', 'learned_notes',
        'learned_contexts', 'deleted_messages', 'messages', 'channel_members', 'channels', 'workspaces',
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}

import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Full-text search over messages, kept by the database itself so every instance sees what any of
 * them stored, inside the same transaction as the message.
 *
 * SQLite: an FTS5 table without its own copy of the text (`content=''`; `contentless_delete`
 * lets rows be removed), keyed by the message's rowid and kept current by triggers. Its `chan`
 * column holds one token per channel ('k' + hex of the channel key), so a query filters by
 * channel inside the index (`chan:k… AND (…)`) instead of ranking every channel's hits.
 * PostgreSQL: a generated tsvector column with a GIN index.
 * Both stem English (porter / the `english` configuration). Indexes what 0001 stored already.
 */
export function searchMigration(engine: Engine): Migration {
  if (engine === 'sqlite') {
    return {
      async up(db: Kysely<any>) {
        await sql`CREATE VIRTUAL TABLE message_search USING fts5(
          chan, text, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
        await sql`INSERT INTO message_search(rowid, chan, text) SELECT seq, 'k' || hex(channel), text FROM messages`.execute(db);
        await sql`CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
          INSERT INTO message_search(rowid, chan, text) VALUES (new.seq, 'k' || hex(new.channel), new.text);
        END`.execute(db);
        await sql`CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
          DELETE FROM message_search WHERE rowid = old.seq;
        END`.execute(db);
        await sql`CREATE TRIGGER messages_search_update AFTER UPDATE OF text ON messages BEGIN
          DELETE FROM message_search WHERE rowid = old.seq;
          INSERT INTO message_search(rowid, chan, text) VALUES (new.seq, 'k' || hex(new.channel), new.text);
        END`.execute(db);
      },
      async down(db: Kysely<any>) {
        for (const trigger of ['messages_search_insert', 'messages_search_delete', 'messages_search_update']) {
          await sql`DROP TRIGGER ${sql.id(trigger)}`.execute(db);
        }
        await sql`DROP TABLE message_search`.execute(db);
      },
    };
  }
  return {
    async up(db: Kysely<any>) {
      await sql`ALTER TABLE messages ADD COLUMN search tsvector
        GENERATED ALWAYS AS (to_tsvector('english', text)) STORED`.execute(db);
      await sql`CREATE INDEX messages_search ON messages USING gin (search)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await sql`DROP INDEX messages_search`.execute(db);
      await sql`ALTER TABLE messages DROP COLUMN search`.execute(db);
    },
  };
}

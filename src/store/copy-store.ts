import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Engine } from './database.js';

/** Rows per read and per write while copying. */
const PAGE = 1_000;

export interface CopyReport {
  /** Rows copied per table (every source row is written, so a re-run reports the same). */
  rows: Record<string, number>;
  durationMs: number;
}

interface Side {
  db: Kysely<Database>;
  engine: Engine;
}

/**
 * Copies every durable table from one store to another (SQLite → PostgreSQL or any other pair),
 * as upserts by each table's key, so a copy interrupted half-way can simply be run again and a
 * second run changes nothing. Messages are matched by (channel, id) and re-numbered by the target
 * (its search index follows through its own triggers or generated column); ledger and question
 * rows keep their source row numbers, which is what makes them idempotent to copy. Short-lived
 * keys (de-duplication marks, locks) are not copied: they expire within minutes anyway.
 */
export async function copyStore(from: Side, to: Side, onProgress?: (table: string, rows: number) => void): Promise<CopyReport> {
  const started = performance.now();
  const rows: Record<string, number> = {};
  const note = (table: string, count: number) => {
    rows[table] = (rows[table] ?? 0) + count;
    onProgress?.(table, rows[table]!);
  };

  const simple = [
    ['workspaces', ['platform', 'id']],
    ['channels', ['key']],
    ['channel_members', ['channel', 'user_id']],
    ['deleted_messages', ['channel', 'id']],
    ['state', ['key']],
    ['removed_channels', ['channel']],
  ] as const;
  for (const [table, key] of simple) {
    rows[table] = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await from.db.selectFrom(table).selectAll().orderBy(key as never).limit(PAGE).offset(offset).execute();
      if (page.length === 0) break;
      await to.db.transaction().execute((trx) => upsert(trx, table, page, [...key]));
      note(table, page.length);
      if (page.length < PAGE) break;
    }
  }

  // Learned contexts replace their notes and questions whole, as a pass's commit does.
  rows.learned_contexts = 0;
  const contexts = await from.db.selectFrom('learned_contexts').selectAll().orderBy('channel').execute();
  for (const context of contexts) {
    const [notes, questions] = await Promise.all([
      from.db.selectFrom('learned_notes').selectAll().where('channel', '=', context.channel).orderBy('position').execute(),
      from.db.selectFrom('anticipated_questions').selectAll().where('channel', '=', context.channel).orderBy('position').execute(),
    ]);
    await to.db.transaction().execute(async (trx) => {
      await upsert(trx, 'learned_contexts', [context], ['channel']);
      await trx.deleteFrom('learned_notes').where('channel', '=', context.channel).execute();
      await trx.deleteFrom('anticipated_questions').where('channel', '=', context.channel).execute();
      for (let start = 0; start < notes.length; start += PAGE / 5) await trx.insertInto('learned_notes').values(notes.slice(start, start + PAGE / 5)).execute();
      for (let start = 0; start < questions.length; start += PAGE / 5) {
        await trx.insertInto('anticipated_questions').values(questions.slice(start, start + PAGE / 5)).execute();
      }
    });
    note('learned_contexts', 1);
  }

  // Big tables: keyset pages by row number.
  for (const table of ['messages', 'question_log', 'ledger'] as const) {
    rows[table] = 0;
    let after = -1;
    for (;;) {
      const page = (await from.db.selectFrom(table).selectAll().where('seq', '>', after).orderBy('seq').limit(PAGE).execute()) as Record<string, unknown>[];
      if (page.length === 0) break;
      after = page[page.length - 1]!.seq as number;
      await to.db.transaction().execute(async (trx) => {
        if (table === 'messages') {
          // The source's search column (PostgreSQL) is generated; the target makes its own.
          const values = page.map(({ seq: _seq, search: _search, ...row }) => row);
          await upsert(trx, 'messages', values, ['channel', 'id']);
        } else {
          await upsert(trx, table, page, ['seq']);
        }
      });
      note(table, page.length);
    }
    if (to.engine === 'postgres' && table !== 'messages') {
      // Rows arrived with their numbers: move the sequence past them, or the next insert collides.
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'seq'), (SELECT coalesce(max(seq), 0) + 1 FROM ${sql.table(table)}), false)`.execute(to.db);
    }
  }
  return { rows, durationMs: performance.now() - started };
}

/** INSERT … ON CONFLICT (key) DO UPDATE SET every other column. */
async function upsert(trx: Transaction<Database>, table: keyof Database, values: readonly Record<string, unknown>[], key: string[]): Promise<void> {
  if (values.length === 0) return;
  const columns = Object.keys(values[0]!).filter((column) => !key.includes(column));
  const db = trx as unknown as Kysely<any>;
  await db
    .insertInto(table)
    .values(values as never)
    .onConflict((conflict) => {
      const target = conflict.columns(key as never);
      if (columns.length === 0) return target.doNothing();
      return target.doUpdateSet(Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)])) as never);
    })
    .execute();
}

import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/** Small JSON state (backfill cursors, last-run times), durable, with an optional expiry. */
export async function getState<T>(db: Kysely<Database>, key: string, now: number): Promise<T | undefined> {
  const row = await db.selectFrom('state').select(['value', 'expires_at']).where('key', '=', key).executeTakeFirst();
  if (!row || (row.expires_at !== null && row.expires_at <= now)) return undefined;
  return JSON.parse(row.value) as T;
}

export async function setState(db: Kysely<Database>, key: string, value: unknown, expiresAt: number | null): Promise<void> {
  const json = JSON.stringify(value) ?? 'null';
  await db
    .insertInto('state')
    .values({ key, value: json, expires_at: expiresAt })
    .onConflict((c) => c.column('key').doUpdateSet({ value: json, expires_at: expiresAt }))
    .execute();
}

export async function deleteState(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('state').where('key', '=', key).execute();
}

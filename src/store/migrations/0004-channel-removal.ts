import type { Kysely, Migration } from 'kysely';

/** Where versions up to 0003 kept the list: one JSON state value, rewritten whole on every change. */
const OLD_STATE_KEY = 'channels-removed';

/**
 * The channels Mull was removed from, one row each, instead of one JSON state value that every
 * removal and restoration read, changed and wrote back: two bot processes handling two removals
 * at once could each write back the list without the other's. A row is inserted if absent (a
 * second removal keeps the first time) and deleted on restoration, each one statement. Moves what
 * the state value held; down puts it back.
 */
export const channelRemovalMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('removed_channels')
      .addColumn('channel', 'text', (c) => c.primaryKey())
      .addColumn('removed_at', 'double precision', (c) => c.notNull())
      .execute();
    const old = await db.selectFrom('state').select('value').where('key', '=', OLD_STATE_KEY).executeTakeFirst();
    const rows = Object.entries((old ? JSON.parse(old.value as string) : {}) as Record<string, number>)
      .filter(([, at]) => Number.isFinite(at))
      .map(([channel, at]) => ({ channel, removed_at: at }));
    if (rows.length > 0) await db.insertInto('removed_channels').values(rows).execute();
    await db.deleteFrom('state').where('key', '=', OLD_STATE_KEY).execute();
  },
  async down(db: Kysely<any>) {
    const rows = (await db.selectFrom('removed_channels').select(['channel', 'removed_at']).execute()) as { channel: string; removed_at: number }[];
    if (rows.length > 0) {
      const value = JSON.stringify(Object.fromEntries(rows.map((row) => [row.channel, Number(row.removed_at)])));
      await db.insertInto('state').values({ key: OLD_STATE_KEY, value, expires_at: null }).execute();
    }
    await db.schema.dropTable('removed_channels').execute();
  },
};

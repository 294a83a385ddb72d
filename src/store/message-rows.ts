import type { Kysely, Selectable, Transaction } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { StoredMessage } from '../core/types.js';
import type { Database, MessageTable } from './database.js';
import { prepareBatch } from './message-batch.js';
import { canonicalJson } from './message-order.js';
import type { AppendResult, ReadMessagesOptions } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;
type MessageRow = Omit<Selectable<MessageTable>, 'seq'>;

/**
 * Rows per statement in a batch. SQLite binds at most 32,766 parameters per statement (10 per
 * row here); 500 rows keeps a statement small while 100,000 messages stay a few hundred statements.
 */
const ROWS_PER_STATEMENT = 500;

const COLUMNS = ['channel', 'id', 'ts', 'user_id', 'user_name', 'text', 'thread_id', 'edited_ts', 'bot'] as const;

export function toRow(channel: ChannelKey, message: StoredMessage): MessageRow {
  return {
    channel,
    id: message.id,
    ts: message.ts,
    user_id: message.user,
    user_name: message.userName ?? null,
    text: message.text,
    thread_id: message.threadId ?? null,
    edited_ts: message.editedTs ?? null,
    bot: message.bot === undefined ? null : message.bot ? 1 : 0,
  };
}

export function fromRow(row: MessageRow): StoredMessage {
  const message: StoredMessage = { id: row.id, ts: row.ts, user: row.user_id, text: row.text };
  if (row.user_name !== null) message.userName = row.user_name;
  if (row.thread_id !== null) message.threadId = row.thread_id;
  if (row.edited_ts !== null) message.editedTs = row.edited_ts;
  if (row.bot !== null) message.bot = row.bot === 1;
  return message;
}

/**
 * Inserts the messages whose ids are new, in one statement (ON CONFLICT DO NOTHING), and returns
 * the ids it inserted. The live-ingest hot path is this one statement.
 */
export async function insertNew(db: Db, channel: ChannelKey, messages: readonly StoredMessage[]): Promise<Set<string>> {
  const rows = await db
    .insertInto('messages')
    .values(messages.map((message) => toRow(channel, message)))
    .onConflict((conflict) => conflict.columns(['channel', 'id']).doNothing())
    .returning('id')
    .execute();
  return new Set(rows.map((row) => row.id));
}

/**
 * Inserts new messages and updates changed ones, in the caller's transaction: an import batch
 * lands whole or not at all. Unchanged ones (re-imports) are counted and not written. New ids
 * cost one insert per 500; only the ids already stored are read back and compared.
 */
export async function putMessages(trx: Db, channel: ChannelKey, messages: readonly StoredMessage[]): Promise<AppendResult> {
  const batch = prepareBatch(channel, messages);
  const result: AppendResult = { added: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < batch.length; start += ROWS_PER_STATEMENT) {
    const slice = batch.slice(start, start + ROWS_PER_STATEMENT);
    const inserted = await insertNew(trx, channel, slice);
    result.added += inserted.size;
    const rest = inserted.size === 0 ? slice : slice.filter((message) => !inserted.has(message.id));
    if (rest.length === 0) continue;
    const stored = await trx
      .selectFrom('messages')
      .select(COLUMNS)
      .where('channel', '=', channel)
      .where('id', 'in', rest.map((message) => message.id))
      .execute();
    const byId = new Map(stored.map((row) => [row.id, canonicalJson(fromRow(row))]));
    const writes: MessageRow[] = [];
    for (const message of rest) {
      if (byId.get(message.id) === canonicalJson(message)) {
        result.unchanged++;
        continue;
      }
      result.updated++;
      writes.push(toRow(channel, message));
    }
    if (writes.length === 0) continue;
    await trx
      .insertInto('messages')
      .values(writes)
      .onConflict((conflict) =>
        conflict.columns(['channel', 'id']).doUpdateSet((eb) => ({
          ts: eb.ref('excluded.ts'),
          user_id: eb.ref('excluded.user_id'),
          user_name: eb.ref('excluded.user_name'),
          text: eb.ref('excluded.text'),
          thread_id: eb.ref('excluded.thread_id'),
          edited_ts: eb.ref('excluded.edited_ts'),
          bot: eb.ref('excluded.bot'),
        })),
      )
      .execute();
  }
  return result;
}

/** Messages in (ts, id) order, windowed by the options. */
export async function readMessages(db: Db, channel: ChannelKey, options: ReadMessagesOptions = {}): Promise<StoredMessage[]> {
  const { after, untilTs, limit, newest = false } = options;
  if (limit !== undefined && !(limit >= 0)) throw new StoreError(`readMessages: limit must be a number ≥ 0, got ${limit}`);
  if (limit === 0) return [];
  let query = db.selectFrom('messages').select(COLUMNS).where('channel', '=', channel);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('ts', '>', after.ts), eb.and([eb('ts', '=', after.ts), eb('id', '>', after.id)])]),
    );
  }
  if (untilTs !== undefined) query = query.where('ts', '<=', untilTs);
  const direction = newest ? 'desc' : 'asc';
  query = query.orderBy('ts', direction).orderBy('id', direction);
  if (limit !== undefined && Number.isFinite(limit)) query = query.limit(Math.floor(limit));
  const rows = (await query.execute()).map(fromRow);
  return newest ? rows.reverse() : rows;
}

export async function getMessage(db: Db, channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
  const row = await db.selectFrom('messages').select(COLUMNS).where('channel', '=', channel).where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

export async function editMessage(
  db: Db,
  channel: ChannelKey,
  id: string,
  text: string,
  editedTs: number,
): Promise<StoredMessage | undefined> {
  const row = await db
    .updateTable('messages')
    .set({ text, edited_ts: editedTs })
    .where('channel', '=', channel)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && fromRow(row);
}

export async function deleteMessage(db: Db, channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
  const row = await db
    .deleteFrom('messages')
    .where('channel', '=', channel)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && fromRow(row);
}

export async function countMessages(db: Db, channel: ChannelKey): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('channel', '=', channel)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function lastMessageTs(db: Db, channel: ChannelKey): Promise<number | undefined> {
  // ORDER BY … LIMIT 1 walks the (channel, ts, id) index from its end; max() would too on SQLite,
  // but not through every PostgreSQL plan.
  const row = await db
    .selectFrom('messages')
    .select('ts')
    .where('channel', '=', channel)
    .orderBy('ts', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.ts;
}

/** Deletes up to `limit` of the channel's messages (oldest first); returns how many. */
export async function deleteSomeMessages(db: Db, channel: ChannelKey, limit: number): Promise<number> {
  const result = await db
    .deleteFrom('messages')
    .where('seq', 'in', (eb) => eb.selectFrom('messages').select('seq').where('channel', '=', channel).orderBy('ts').orderBy('id').limit(limit))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

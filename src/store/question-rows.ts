import type { Kysely, Transaction } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { AnswerPath, AskedQuestion } from '../core/types.js';
import type { Database } from './database.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Logs a question and keeps only the channel's newest `kept`: they feed the next pass's guesses
 * at what will be asked; older ones have been folded into the learned context already.
 */
export async function logQuestion(trx: Transaction<Database>, question: AskedQuestion, kept: number): Promise<void> {
  if (typeof question.channel !== 'string' || question.channel === '') {
    throw new StoreError('logQuestion: the question needs a channel key');
  }
  if (!Number.isFinite(question.ts)) throw new StoreError(`logQuestion(${question.channel}): ts must be epoch milliseconds`);
  await trx
    .insertInto('question_log')
    .values({
      channel: question.channel,
      ts: question.ts,
      text: question.text,
      origin: question.origin,
      path: question.path ?? null,
      message_id: question.messageId ?? null,
    })
    .execute();
  const oldestKept = await trx
    .selectFrom('question_log')
    .select(['ts', 'seq'])
    .where('channel', '=', question.channel)
    .orderBy('ts', 'desc')
    .orderBy('seq', 'desc')
    .offset(kept - 1)
    .limit(1)
    .executeTakeFirst();
  if (!oldestKept) return;
  await trx
    .deleteFrom('question_log')
    .where('channel', '=', question.channel)
    .where((eb) => eb.or([eb('ts', '<', oldestKept.ts), eb.and([eb('ts', '=', oldestKept.ts), eb('seq', '<', oldestKept.seq)])]))
    .execute();
}

/** Removes the questions asked by a message (it was deleted): its text must not feed a pass. */
export async function forgetQuestion(db: Db, channel: ChannelKey, messageId: string): Promise<void> {
  await db.deleteFrom('question_log').where('channel', '=', channel).where('message_id', '=', messageId).execute();
}

/** Questions at or after `sinceTs`, oldest first, the newest `limit` of them. */
export async function listQuestions(db: Db, channel: ChannelKey, sinceTs: number, limit?: number): Promise<AskedQuestion[]> {
  if (limit !== undefined && limit <= 0) return [];
  let query = db
    .selectFrom('question_log')
    .selectAll()
    .where('channel', '=', channel)
    .where('ts', '>=', sinceTs)
    .orderBy('ts', 'desc')
    .orderBy('seq', 'desc');
  if (limit !== undefined) query = query.limit(Math.floor(limit));
  const rows = await query.execute();
  return rows.reverse().map((row) => {
    const question: AskedQuestion = { channel, text: row.text, ts: row.ts, origin: row.origin as AskedQuestion['origin'] };
    if (row.path !== null) question.path = row.path as AnswerPath;
    if (row.message_id !== null) question.messageId = row.message_id;
    return question;
  });
}

/** Drops every question logged in the channel, whatever asked it; returns how many. */
export async function clearQuestions(db: Db, channel: ChannelKey): Promise<number> {
  const result = await db.deleteFrom('question_log').where('channel', '=', channel).executeTakeFirst();
  return Number(result.numDeletedRows);
}

import { sql, type Kysely, type Transaction } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import type { AnticipatedQuestion, LearnedContext, LearnedNote } from '../core/types.js';
import type { Database } from './database.js';
import { decodeVector, splitVectors, withVectors } from './question-vectors.js';
import type { LearnedReadOptions, QuestionEmbedding } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Notes or questions per insert statement (6 or 8 parameters each). */
const ROWS_PER_STATEMENT = 200;

/** Another pass committed since this one read the context: its result must be redone or dropped. */
export class LearnedVersionConflictError extends StoreError {
  readonly channel: ChannelKey;
  /** The version the committing pass started from. */
  readonly expectedVersion: number;
  /** The version actually stored (0 when none is). */
  readonly actualVersion: number;

  constructor(channel: ChannelKey, expectedVersion: number, actualVersion: number) {
    super(
      `learned context of ${channel} is at version ${actualVersion}, not ${expectedVersion}: another pass committed first`,
    );
    this.name = 'LearnedVersionConflictError';
    this.channel = channel;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

export async function getLearned(db: Db, channel: ChannelKey, options: LearnedReadOptions = {}): Promise<LearnedContext | undefined> {
  const row = await db.selectFrom('learned_contexts').selectAll().where('channel', '=', channel).executeTakeFirst();
  if (!row) return undefined;
  const [notes, questions] = await Promise.all([
    db.selectFrom('learned_notes').select('body').where('channel', '=', channel).orderBy('position').execute(),
    options.vectors === false
      ? db.selectFrom('anticipated_questions').select(['body', sql<null>`NULL`.as('embedding'), sql<null>`NULL`.as('vectors')]).where('channel', '=', channel).orderBy('position').execute()
      : db.selectFrom('anticipated_questions').select(['body', 'embedding', 'vectors']).where('channel', '=', channel).orderBy('position').execute(),
  ]);
  const context: LearnedContext = {
    channel,
    version: row.version,
    committedAt: row.committed_at,
    watermark: row.watermark_ts === null || row.watermark_id === null ? null : { ts: row.watermark_ts, id: row.watermark_id },
    summary: row.summary,
    notes: notes.map((note) => JSON.parse(note.body) as LearnedNote),
    questions: questions.map((question) => withVectors(JSON.parse(question.body) as AnticipatedQuestion, question.embedding, question.vectors)),
    source: row.source as LearnedContext['source'],
    rework: JSON.parse(row.rework) as string[],
  };
  if (row.model !== null) context.model = row.model;
  return context;
}

/**
 * Writes a pass's result and its watermark, in the caller's transaction. With `expectedVersion`
 * (0 for "none stored yet") the write is conditional on the stored version — an UPDATE … WHERE
 * version = expected, or an INSERT that must not conflict — so of two passes racing from the same
 * version exactly one commits, on either engine, in this process or another.
 */
export async function commitLearned(trx: Transaction<Database>, context: LearnedContext, expectedVersion?: number): Promise<void> {
  if (typeof context.channel !== 'string' || context.channel === '') {
    throw new StoreError('commitLearned: the context needs a channel key');
  }
  if (!Number.isInteger(context.version)) {
    throw new StoreError(`commitLearned(${context.channel}): version must be an integer, got ${String(context.version)}`);
  }
  const channel = context.channel;
  const row = {
    channel,
    version: context.version,
    committed_at: context.committedAt,
    watermark_ts: context.watermark?.ts ?? null,
    watermark_id: context.watermark?.id ?? null,
    summary: context.summary,
    source: context.source,
    model: context.model ?? null,
    rework: JSON.stringify(context.rework ?? []),
  };
  const { channel: _key, ...changes } = row;
  let written: boolean;
  if (expectedVersion === undefined) {
    await trx.insertInto('learned_contexts').values(row).onConflict((c) => c.column('channel').doUpdateSet(changes)).execute();
    written = true;
  } else if (expectedVersion === 0) {
    const result = await trx.insertInto('learned_contexts').values(row).onConflict((c) => c.column('channel').doNothing()).executeTakeFirst();
    written = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  } else {
    const result = await trx
      .updateTable('learned_contexts')
      .set(changes)
      .where('channel', '=', channel)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    written = Number(result.numUpdatedRows) === 1;
  }
  if (!written) {
    const actual = await trx.selectFrom('learned_contexts').select('version').where('channel', '=', channel).executeTakeFirst();
    throw new LearnedVersionConflictError(channel, expectedVersion ?? 0, actual?.version ?? 0);
  }
  await trx.deleteFrom('learned_notes').where('channel', '=', channel).execute();
  await trx.deleteFrom('anticipated_questions').where('channel', '=', channel).execute();
  const notes = context.notes.map((note, position) => ({
    channel, position, id: note.id, kind: note.kind, text: note.text, body: JSON.stringify(note),
  }));
  for (let start = 0; start < notes.length; start += ROWS_PER_STATEMENT) {
    await trx.insertInto('learned_notes').values(notes.slice(start, start + ROWS_PER_STATEMENT)).execute();
  }
  const questions = context.questions.map((question, position) => {
    const { body, embedding, vectors } = splitVectors(question);
    return {
      channel, position, id: question.id, question: question.question, confidence: Number.isFinite(question.confidence) ? question.confidence : 0,
      body: JSON.stringify(body), embedding, vectors,
    };
  });
  for (let start = 0; start < questions.length; start += ROWS_PER_STATEMENT) {
    await trx.insertInto('anticipated_questions').values(questions.slice(start, start + ROWS_PER_STATEMENT)).execute();
  }
}

/** The prepared questions' own embeddings in these channels (no bodies, no paraphrase vectors). */
export async function questionEmbeddings(db: Db, channels: readonly ChannelKey[]): Promise<QuestionEmbedding[]> {
  if (channels.length === 0) return [];
  const rows = await db
    .selectFrom('anticipated_questions')
    .select(['channel', 'id', 'embedding'])
    .where('channel', 'in', [...channels])
    .where('embedding', 'is not', null)
    .orderBy('channel')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({ channel: row.channel, id: row.id, embedding: decodeVector(row.embedding!) }));
}

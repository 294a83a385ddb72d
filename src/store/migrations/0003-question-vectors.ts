import type { Kysely, Migration } from 'kysely';
import type { AnticipatedQuestion } from '../../core/types.js';
import { splitVectors, withVectors } from '../question-vectors.js';

/** Rows rewritten per batch while moving vectors, so a large store is never read whole. */
const BATCH = 500;

interface Row {
  channel: string;
  position: number;
  body: string;
  embedding: string | null;
  vectors: string | null;
}

/**
 * Embeddings move out of an anticipated question's JSON body into columns of their own
 * (`embedding`, `vectors`; see question-vectors.ts). They are most of a learned context's bytes,
 * and most reads need none of them: ranking a DM's hundreds of channels by their prepared
 * questions' words, `mull stats`, the channel overview. Ranking by meaning reads `embedding`
 * alone; an answer reads the rest only for the few channels in play. Moves what earlier versions
 * stored; down puts them back.
 */
export const questionVectorsMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('anticipated_questions').addColumn('embedding', 'text').execute();
    await db.schema.alterTable('anticipated_questions').addColumn('vectors', 'text').execute();
    await rewrite(db, (row) => {
      const split = splitVectors(JSON.parse(row.body) as AnticipatedQuestion);
      if (split.embedding === null && split.vectors === null) return undefined;
      return { body: JSON.stringify(split.body), embedding: split.embedding, vectors: split.vectors };
    });
  },
  async down(db: Kysely<any>) {
    await rewrite(db, (row) =>
      row.embedding === null && row.vectors === null
        ? undefined
        : { body: JSON.stringify(withVectors(JSON.parse(row.body) as AnticipatedQuestion, row.embedding, row.vectors)), embedding: null, vectors: null },
    );
    await db.schema.alterTable('anticipated_questions').dropColumn('vectors').execute();
    await db.schema.alterTable('anticipated_questions').dropColumn('embedding').execute();
  },
};

/** Rewrites every row `change` returns new values for, in keyset pages of BATCH rows. */
async function rewrite(db: Kysely<any>, change: (row: Row) => Omit<Row, 'channel' | 'position'> | undefined): Promise<void> {
  let after: Row | undefined;
  for (;;) {
    let query = db.selectFrom('anticipated_questions').select(['channel', 'position', 'body', 'embedding', 'vectors']);
    if (after) {
      const { channel, position } = after;
      query = query.where((eb) => eb.or([eb('channel', '>', channel), eb.and([eb('channel', '=', channel), eb('position', '>', position)])]));
    }
    const rows = (await query.orderBy('channel').orderBy('position').limit(BATCH).execute()) as Row[];
    for (const row of rows) {
      const next = change(row);
      if (next) await db.updateTable('anticipated_questions').set(next).where('channel', '=', row.channel).where('position', '=', row.position).execute();
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1);
  }
}

import { sql, type Kysely } from 'kysely';
import type { ChannelKey } from '../core/ids.js';
import type { Database, Engine } from './database.js';
import type { SearchHit } from './store.js';

/** Terms per query: a pasted paragraph must not become a 300-way OR. */
const MAX_TERMS = 32;

/** Query terms reduced to letters and digits (what both engines' tokenizers keep), unique. */
export function searchTokens(terms: readonly string[]): string[] {
  const tokens = new Set<string>();
  for (const term of terms) {
    for (const token of term.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (token !== '') tokens.add(token);
  }
  return [...tokens].slice(0, MAX_TERMS);
}

/** The channel's token in the FTS5 `chan` column (see migrations/0002-search.ts): 'k' + hex. */
export function channelToken(channel: ChannelKey): string {
  return `k${Buffer.from(channel, 'utf8').toString('hex').toUpperCase()}`;
}

/**
 * Ranked full-text search in one channel. The channel filter is part of the index query (FTS5:
 * `chan:TOKEN AND (…)`; PostgreSQL: `channel = … AND search @@ …`), so other channels' hits are
 * never ranked or returned.
 */
export async function searchMessages(
  db: Kysely<Database>,
  engine: Engine,
  channel: ChannelKey,
  terms: readonly string[],
  limit: number,
): Promise<SearchHit[]> {
  const tokens = searchTokens(terms);
  if (tokens.length === 0 || !(limit > 0)) return [];
  const take = Math.floor(limit);
  if (engine === 'sqlite') {
    // Whole words, stemmed (launches = launch), not prefixes: a prefix query merges the postings of
    // every word it starts across all channels, which at 1,000,000 messages doubled retrieval time.
    const any = tokens.map((token) => `"${token}"`).join(' OR ');
    const match = `chan:${channelToken(channel)} AND text:(${any})`;
    // bm25() is lower-is-better; weight 0 for the channel column, which every hit shares.
    const { rows } = await sql<{ id: string; ts: number; rank: number }>`
      SELECT m.id, m.ts, hits.rank FROM (
        SELECT rowid, bm25(message_search, 0.0, 1.0) AS rank FROM message_search
        WHERE message_search MATCH ${match} ORDER BY rank LIMIT ${take}
      ) AS hits JOIN messages AS m ON m.seq = hits.rowid
      ORDER BY hits.rank, m.ts DESC`.execute(db);
    return rows.map((row) => ({ id: row.id, ts: row.ts, score: -row.rank }));
  }
  const query = tokens.join(' | ');
  const { rows } = await sql<{ id: string; ts: number; score: number }>`
    SELECT id, ts, ts_rank(search, q) AS score
    FROM messages, to_tsquery('english', ${query}) AS q
    WHERE channel = ${channel} AND search @@ q
    ORDER BY score DESC, ts DESC LIMIT ${take}`.execute(db);
  return rows.map((row) => ({ id: row.id, ts: row.ts, score: Number(row.score) }));
}

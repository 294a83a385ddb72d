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
 * A word found in more of a channel's messages than this is common there. Ranking every message
 * that matches one is what made search slow on large channels (FTS5 scores every match before
 * the limit applies: p95 56 ms at 1,000,000 messages), and it adds little: BM25 gives such a word
 * almost no weight, and PostgreSQL's ts_rank, which has no inverse document frequency, let it
 * outrank the rare word that was asked about. The cut-off of Lucene's "common terms" query.
 */
export const COMMON_IN_CHANNEL = 2_000;

type Row = { id: string; ts: number; score: number; text?: string };
interface RankOptions {
  /** Rank only the newest COMMON_IN_CHANNEL matches. */
  newestOnly: boolean;
  take: number;
}

/**
 * Ranked full-text search in one channel. The channel filter is part of the index query (FTS5:
 * `chan:TOKEN AND (…)`; PostgreSQL: `channel = … AND search @@ …`), so other channels' hits are
 * never ranked or returned.
 *
 * In two steps, so the work is bounded however large the channel: each query word's matches in
 * the channel are counted, each count stopping at COMMON_IN_CHANNEL + 1. The messages matching
 * the uncommon words are ranked (at most COMMON_IN_CHANNEL per word), and the best of them that
 * also say the common words come first. When every word is common, the newest COMMON_IN_CHANNEL
 * matches are ranked: no word discriminates, and of equal matches the newer is the likelier
 * answer in chat. In a channel where no word is that common, all of them are ranked together, as
 * one query, as before.
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
  const counts = await matchCounts(db, engine, channel, tokens);
  const uncommon = tokens.filter((_, i) => counts[i]! > 0 && counts[i]! <= COMMON_IN_CHANNEL);
  const common = tokens.filter((_, i) => counts[i]! > COMMON_IN_CHANNEL);
  if (uncommon.length === 0 && common.length === 0) return [];
  const rank = engine === 'sqlite' ? rankSqlite : rankPostgres;
  if (uncommon.length === 0) return toHits(await rank(db, channel, tokens, { newestOnly: true, take }));
  if (common.length === 0) return toHits(await rank(db, channel, uncommon, { newestOnly: false, take }));
  // Mixed: candidates by the uncommon words, then those that also say the common ones first
  // ("launch date" in #launch: of the messages saying "date", the ones saying "launch" too).
  const candidates = await rank(db, channel, uncommon, { newestOnly: false, take: Math.max(take * RERANKED_PER_HIT, RERANKED_AT_LEAST) });
  return toHits(
    candidates
      .map((row, order) => ({ row, order, said: common.filter((token) => says(row.text ?? '', token)).length }))
      .sort((a, b) => b.said - a.said || a.order - b.order)
      .slice(0, take)
      .map((c) => c.row),
  );
}

/** Candidates read per hit wanted when common words re-order what the uncommon ones found. */
const RERANKED_PER_HIT = 8;
const RERANKED_AT_LEAST = 100;

const toHits = (rows: readonly Row[]): SearchHit[] => rows.map((row) => ({ id: row.id, ts: row.ts, score: row.score }));

/**
 * Whether a message's text has a word of the token's stem, approximately: a word that starts with
 * the token ("launches" for "launch") or a token that starts with a word of four letters or more.
 * Only orders candidates the index already ranked, so it need not match the engines' stemmers.
 */
function says(text: string, token: string): boolean {
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.startsWith(token) || (word.length >= 4 && token.startsWith(word))) return true;
  }
  return false;
}

const sqliteMatch = (channel: ChannelKey, tokens: readonly string[]) =>
  `chan:${channelToken(channel)} AND text:(${tokens.map((token) => `"${token}"`).join(' OR ')})`;

/** How many of the channel's messages match each token, counting no further than COMMON_IN_CHANNEL + 1. */
async function matchCounts(db: Kysely<Database>, engine: Engine, channel: ChannelKey, tokens: readonly string[]): Promise<number[]> {
  const each = tokens.map((token, i) =>
    engine === 'sqlite'
      ? sql`SELECT ${i} AS i, count(*) AS n FROM (
          SELECT rowid FROM message_search WHERE message_search MATCH ${sqliteMatch(channel, [token])} LIMIT ${COMMON_IN_CHANNEL + 1}) AS c`
      : sql`SELECT ${i} AS i, count(*) AS n FROM (
          SELECT 1 FROM messages WHERE channel = ${channel} AND search @@ to_tsquery('english', ${token}) LIMIT ${COMMON_IN_CHANNEL + 1}) AS c`,
  );
  const { rows } = await sql<{ i: number; n: number | string }>`${sql.join(each, sql` UNION ALL `)}`.execute(db);
  const counts = tokens.map(() => 0);
  for (const row of rows) counts[Number(row.i)] = Number(row.n);
  return counts;
}

async function rankSqlite(db: Kysely<Database>, channel: ChannelKey, tokens: readonly string[], { newestOnly, take }: RankOptions): Promise<Row[]> {
  // Whole words, stemmed (launches = launch), not prefixes: a prefix query merges the postings of
  // every word it starts across all channels, which at 1,000,000 messages doubled retrieval time.
  // bm25() is lower-is-better; weight 0 for the channel column, which every hit shares.
  const match = sqliteMatch(channel, tokens);
  const { rows } = newestOnly
    ? await sql<{ id: string; ts: number; text: string; rank: number }>`
        SELECT m.id, m.ts, m.text, hits.rank FROM (
          SELECT rowid, bm25(message_search, 0.0, 1.0) AS rank FROM message_search
          WHERE message_search MATCH ${match} ORDER BY rowid DESC LIMIT ${COMMON_IN_CHANNEL}
        ) AS hits JOIN messages AS m ON m.seq = hits.rowid
        ORDER BY hits.rank, m.ts DESC LIMIT ${take}`.execute(db)
    : await sql<{ id: string; ts: number; text: string; rank: number }>`
        SELECT m.id, m.ts, m.text, hits.rank FROM (
          SELECT rowid, bm25(message_search, 0.0, 1.0) AS rank FROM message_search
          WHERE message_search MATCH ${match} ORDER BY rank LIMIT ${take}
        ) AS hits JOIN messages AS m ON m.seq = hits.rowid
        ORDER BY hits.rank, m.ts DESC`.execute(db);
  return rows.map((row) => ({ id: row.id, ts: row.ts, text: row.text, score: -row.rank }));
}

async function rankPostgres(db: Kysely<Database>, channel: ChannelKey, tokens: readonly string[], { newestOnly, take }: RankOptions): Promise<Row[]> {
  const query = tokens.join(' | ');
  const { rows } = newestOnly
    ? await sql<Row>`
        SELECT id, ts, text, score FROM (
          SELECT id, ts, text, ts_rank(search, q) AS score
          FROM messages, to_tsquery('english', ${query}) AS q
          WHERE channel = ${channel} AND search @@ q
          ORDER BY ts DESC LIMIT ${COMMON_IN_CHANNEL}
        ) AS newest ORDER BY score DESC, ts DESC LIMIT ${take}`.execute(db)
    : await sql<Row>`
        SELECT id, ts, text, ts_rank(search, q) AS score
        FROM messages, to_tsquery('english', ${query}) AS q
        WHERE channel = ${channel} AND search @@ q
        ORDER BY score DESC, ts DESC LIMIT ${take}`.execute(db);
  return rows.map((row) => ({ id: row.id, ts: Number(row.ts), text: row.text, score: Number(row.score) }));
}

/** Newest matches read when ranking channels by what their history says (see channelsMentioning). */
export const CHANNEL_MATCHES_READ = 500;

/**
 * The channels among `channels` whose newest messages match any of the terms, with how many of
 * the newest CHANNEL_MATCHES_READ matches across all of them each holds, most first. One query
 * for the whole set, newest matches first (FTS5 walks its index by rowid, so it stops after the
 * limit without ranking anything): how a DM over hundreds of channels finds the ones where the
 * question's subject was talked about, passes or not.
 */
export async function channelsMentioning(
  db: Kysely<Database>,
  engine: Engine,
  channels: readonly ChannelKey[],
  terms: readonly string[],
): Promise<Array<{ channel: ChannelKey; matches: number }>> {
  const tokens = searchTokens(terms);
  if (tokens.length === 0 || channels.length === 0) return [];
  if (engine === 'sqlite') {
    const match = `chan:(${channels.map(channelToken).join(' OR ')}) AND text:(${tokens.map((token) => `"${token}"`).join(' OR ')})`;
    const { rows } = await sql<{ channel: string; matches: number }>`
      SELECT m.channel AS channel, count(*) AS matches FROM (
        SELECT rowid FROM message_search WHERE message_search MATCH ${match} ORDER BY rowid DESC LIMIT ${CHANNEL_MATCHES_READ}
      ) AS hits JOIN messages AS m ON m.seq = hits.rowid
      GROUP BY m.channel ORDER BY matches DESC, channel`.execute(db);
    return rows.map((row) => ({ channel: row.channel, matches: Number(row.matches) }));
  }
  const { rows } = await sql<{ channel: string; matches: number }>`
    SELECT channel, count(*) AS matches FROM (
      SELECT channel FROM messages, to_tsquery('english', ${tokens.join(' | ')}) AS q
      WHERE channel IN (${sql.join([...channels])}) AND search @@ q
      ORDER BY seq DESC LIMIT ${CHANNEL_MATCHES_READ}
    ) AS newest GROUP BY channel ORDER BY matches DESC, channel`.execute(db);
  return rows.map((row) => ({ channel: row.channel, matches: Number(row.matches) }));
}

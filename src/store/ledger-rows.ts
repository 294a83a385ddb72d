import { sql, type Kysely } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { ChannelKey } from '../core/ids.js';
import { ANSWER_PATHS, type LedgerEntry } from '../core/types.js';
import type { Database } from './database.js';
import type { LedgerTotals } from './store.js';

/** One row per model call, answer, pass outcome or vote. */
export async function recordEntry(db: Kysely<Database>, entry: LedgerEntry): Promise<void> {
  if (typeof entry.channel !== 'string' || entry.channel === '') {
    throw new StoreError(`ledger entry needs a channel key, got ${JSON.stringify(entry.channel)}`);
  }
  if (!Number.isFinite(entry.ts)) throw new StoreError(`ledger entry for ${entry.channel} needs ts in epoch milliseconds`);
  const count = (n: number | undefined) => (Number.isFinite(n) ? Math.max(0, Math.round(n!)) : 0);
  await db
    .insertInto('ledger')
    .values({
      channel: entry.channel,
      ts: entry.ts,
      phase: entry.phase,
      prompt_tokens: count(entry.usage?.promptTokens),
      completion_tokens: count(entry.usage?.completionTokens),
      cached_prompt_tokens: count(entry.usage?.cachedPromptTokens),
      path: entry.path ?? null,
      latency_ms: entry.latencyMs !== undefined && Number.isFinite(entry.latencyMs) ? entry.latencyMs : null,
      pass: entry.pass ?? null,
      feedback: entry.feedback ?? null,
    })
    .execute();
}

/**
 * Sums over the ledger's rows in one aggregate query (plus one for the newest latencies), for a
 * channel or all, from `sinceTs` on. Both are index range scans: (channel, ts) or (ts).
 */
export async function ledgerTotals(
  db: Kysely<Database>,
  latenciesKept: number,
  channel?: ChannelKey,
  sinceTs?: number,
): Promise<LedgerTotals> {
  let scope = db.selectFrom('ledger');
  if (channel !== undefined) scope = scope.where('channel', '=', channel);
  if (sinceTs !== undefined) scope = scope.where('ts', '>=', sinceTs);
  const sumWhen = (column: 'prompt_tokens' | 'completion_tokens' | 'cached_prompt_tokens', phase: string) =>
    sql<number>`coalesce(sum(case when phase = ${phase} then ${sql.ref(column)} else 0 end), 0)`;
  const countWhen = (column: 'path' | 'pass' | 'feedback', value: string) =>
    sql<number>`coalesce(sum(case when ${sql.ref(column)} = ${value} then 1 else 0 end), 0)`;
  const row = await scope
    .select([
      sumWhen('prompt_tokens', 'sleep').as('sleep_prompt'),
      sumWhen('completion_tokens', 'sleep').as('sleep_completion'),
      sumWhen('cached_prompt_tokens', 'sleep').as('sleep_cached'),
      sumWhen('prompt_tokens', 'test').as('test_prompt'),
      sumWhen('completion_tokens', 'test').as('test_completion'),
      sumWhen('cached_prompt_tokens', 'test').as('test_cached'),
      ...ANSWER_PATHS.map((path) => countWhen('path', path).as(`path_${path}`)),
      countWhen('pass', 'ok').as('pass_ok'),
      countWhen('pass', 'failed').as('pass_failed'),
      countWhen('feedback', 'up').as('feedback_up'),
      countWhen('feedback', 'down').as('feedback_down'),
    ])
    .executeTakeFirstOrThrow();
  const n = (key: string) => Number((row as Record<string, unknown>)[key] ?? 0);
  const latencies = await scope
    .select('latency_ms')
    .where('latency_ms', 'is not', null)
    .orderBy('ts', 'desc')
    .orderBy('seq', 'desc')
    .limit(latenciesKept)
    .execute();
  return {
    sleep: { promptTokens: n('sleep_prompt'), completionTokens: n('sleep_completion'), cachedPromptTokens: n('sleep_cached') },
    test: { promptTokens: n('test_prompt'), completionTokens: n('test_completion'), cachedPromptTokens: n('test_cached') },
    answers: Object.fromEntries(ANSWER_PATHS.map((path) => [path, n(`path_${path}`)])) as LedgerTotals['answers'],
    passes: { ok: n('pass_ok'), failed: n('pass_failed') },
    feedback: { up: n('feedback_up'), down: n('feedback_down') },
    latencies: latencies.map((entry) => entry.latency_ms!).reverse(),
  };
}

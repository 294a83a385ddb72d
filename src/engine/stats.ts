import type { ChannelStats, StatsReport, StatsScope } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { ANSWER_PATHS } from '../core/types.js';
import type { DailyBudget } from '../sleep/daily-budget.js';
import type { LedgerTotals, Store } from '../store/store.js';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * The ledger and the channels' state for `mull stats` and /mull stats: one channel, a scope (a DM's
 * channels: summed over exactly those, so a DM never shows what the asker cannot read), or, with
 * no target, the whole store (the operator's CLI).
 */
export async function buildStats(store: Store, budget: DailyBudget, target?: ChannelKey | StatsScope): Promise<StatsReport> {
  const keys = target === undefined ? undefined : typeof target === 'string' ? [target] : [...new Set(target.scope)];
  const channels = keys
    ? (await Promise.all(keys.map((key) => store.getChannel(key)))).filter((c) => c !== undefined)
    : await store.listChannels();
  const rows: ChannelStats[] = await Promise.all(
    channels.map(async (c) => {
      const [messages, learned] = await Promise.all([store.countMessages(c.key), store.getLearned(c.key, { vectors: false })]);
      return {
        channel: c.key,
        name: c.name,
        messages,
        lastPassAt: learned?.version ? learned.committedAt : undefined,
        anticipated: learned?.questions.length ?? 0,
        notes: learned?.notes.length ?? 0,
      };
    }),
  );
  const [totals, check] = await Promise.all([
    keys ? Promise.all(keys.map((key) => store.ledgerTotals(key))).then(sumTotals) : store.ledgerTotals(),
    budget.canRunPass(),
  ]);
  return {
    channels: rows.sort((a, b) => b.messages - a.messages),
    sleepTokens: totals.sleep.promptTokens + totals.sleep.completionTokens,
    testTokens: { prompt: totals.test.promptTokens, completion: totals.test.completionTokens, cached: totals.test.cachedPromptTokens },
    answers: totals.answers,
    latency: { p50: percentile(totals.latencies, 50), p95: percentile(totals.latencies, 95) },
    passes: totals.passes,
    feedback: totals.feedback,
    budget: { dailyLimit: check.limit, usedToday: check.usedToday, exhausted: !check.ok },
  };
}

/** Several channels' ledger totals as one; each channel's latency sample joins the whole's. */
export function sumTotals(parts: readonly LedgerTotals[]): LedgerTotals {
  const usage = () => ({ promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 });
  const sum: LedgerTotals = {
    sleep: usage(),
    test: usage(),
    answers: Object.fromEntries(ANSWER_PATHS.map((path) => [path, 0])) as LedgerTotals['answers'],
    passes: { ok: 0, failed: 0 },
    feedback: { up: 0, down: 0 },
    latencies: [],
  };
  for (const part of parts) {
    for (const phase of ['sleep', 'test'] as const) {
      sum[phase].promptTokens += part[phase].promptTokens;
      sum[phase].completionTokens += part[phase].completionTokens;
      sum[phase].cachedPromptTokens += part[phase].cachedPromptTokens;
    }
    for (const path of ANSWER_PATHS) sum.answers[path] += part.answers[path] ?? 0;
    sum.passes.ok += part.passes.ok;
    sum.passes.failed += part.passes.failed;
    sum.feedback.up += part.feedback.up;
    sum.feedback.down += part.feedback.down;
    sum.latencies.push(...part.latencies);
  }
  return sum;
}

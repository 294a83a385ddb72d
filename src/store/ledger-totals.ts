import { ANSWER_PATHS, type LedgerEntry, type Usage } from '../core/types.js';
import type { LedgerTotals } from './store.js';

/** One scope's figures for one UTC day: LedgerTotals without the latency sample. */
export type DayTotals = Omit<LedgerTotals, 'latencies'>;

export function emptyDayTotals(): DayTotals {
  return {
    sleep: { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 },
    test: { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 },
    answers: { cached: 0, verified: 0, warm: 0, cold: 0, offline: 0 },
    passes: { ok: 0, failed: 0 },
    feedback: { up: 0, down: 0 },
  };
}

/** The UTC calendar day of a time, `YYYY-MM-DD`, which also sorts as text. */
export function utcDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

export function addEntry(totals: DayTotals, entry: LedgerEntry): void {
  addUsage(totals[entry.phase], entry.usage);
  if (entry.path) totals.answers[entry.path] += 1;
  if (entry.pass) totals.passes[entry.pass] += 1;
  if (entry.feedback) totals.feedback[entry.feedback] += 1;
}

export function addTotals(into: DayTotals, from: DayTotals): void {
  addUsage(into.sleep, from.sleep);
  addUsage(into.test, from.test);
  for (const path of ANSWER_PATHS) into.answers[path] += from.answers[path] ?? 0;
  into.passes.ok += from.passes.ok ?? 0;
  into.passes.failed += from.passes.failed ?? 0;
  into.feedback.up += from.feedback.up ?? 0;
  into.feedback.down += from.feedback.down ?? 0;
}

function addUsage(into: Usage, from: Partial<Usage>): void {
  into.promptTokens += from.promptTokens ?? 0;
  into.completionTokens += from.completionTokens ?? 0;
  into.cachedPromptTokens += from.cachedPromptTokens ?? 0;
}

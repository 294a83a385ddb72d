/** Small statistics for the bench's figures. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile (as src/engine/stats.ts computes the bot's own p50/p95). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN };
}

/** Rounds for the results file: figures keep a sensible precision, not 17 digits. */
export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Repetitions' spreads as one: each percentile the median over repetitions, `max` the largest seen. */
export function medianSpread(spreads: readonly Spread[]): Spread {
  const present = spreads.filter((s) => s.n > 0);
  return {
    n: spreads.reduce((total, s) => total + s.n, 0),
    p50: median(present.map((s) => s.p50)),
    p95: median(present.map((s) => s.p95)),
    p99: median(present.map((s) => s.p99)),
    max: present.length ? Math.max(...present.map((s) => s.max)) : Number.NaN,
  };
}

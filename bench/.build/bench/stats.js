/** Small statistics for the bench's figures. */
export function median(values) {
    if (values.length === 0)
        return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** Nearest-rank percentile (as src/engine/stats.ts computes the bot's own p50/p95). */
export function percentile(values, p) {
    if (values.length === 0)
        return Number.NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank];
}
export function mean(values) {
    return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
export function spread(values) {
    return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: values.length ? Math.max(...values) : Number.NaN };
}
/** Rounds for the results file: figures keep a sensible precision, not 17 digits. */
export function round(value, digits = 1) {
    if (!Number.isFinite(value))
        return value;
    const f = 10 ** digits;
    return Math.round(value * f) / f;
}

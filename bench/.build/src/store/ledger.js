import { StoreError } from '../core/errors.js';
import { StoreKeys } from './keys.js';
import { addEntry, addTotals, emptyDayTotals, utcDay } from './ledger-totals.js';
/**
 * The scope that aggregates every channel. Channel keys always contain ':' (`slack:T1:C1`), so
 * this can never be one.
 */
const ALL_CHANNELS = '*';
/** Day keys per getMany: a year of days is three calls. */
const KV_BATCH = 128;
/**
 * The token ledger, aggregated as it is recorded: one value per scope (a channel, and all
 * channels together) per UTC day, a sorted list of each scope's days, and each scope's newest
 * reply latencies. Totals for any range of days cost two or three reads, however many entries
 * were recorded; individual entries are not kept.
 */
export class Ledger {
    kv;
    exclusive;
    latenciesKept;
    constructor(kv, exclusive, latenciesKept) {
        this.kv = kv;
        this.exclusive = exclusive;
        this.latenciesKept = latenciesKept;
    }
    async record(entry) {
        if (typeof entry.channel !== 'string' || entry.channel === '' || entry.channel === ALL_CHANNELS) {
            throw new StoreError(`ledger entry needs a channel key, got ${JSON.stringify(entry.channel)}`);
        }
        if (!Number.isFinite(entry.ts))
            throw new StoreError(`ledger entry for ${entry.channel} needs ts in epoch milliseconds`);
        const day = utcDay(entry.ts);
        const scopes = [entry.channel, ALL_CHANNELS];
        const latency = entry.latencyMs !== undefined && Number.isFinite(entry.latencyMs) ? entry.latencyMs : undefined;
        // One lease for the whole ledger: every record also updates the all-channels scope.
        await this.exclusive('ledger', async () => {
            const keys = scopes.flatMap((scope) => [
                StoreKeys.ledgerDay(scope, day),
                StoreKeys.ledgerDays(scope),
                StoreKeys.ledgerLatencies(scope),
            ]);
            const values = await this.kv.getMany(keys);
            const writes = [];
            scopes.forEach((scope, i) => {
                const totals = values[i * 3] ?? emptyDayTotals();
                addEntry(totals, entry);
                writes.push({ key: keys[i * 3], value: totals });
                const days = values[i * 3 + 1] ?? [];
                if (!days.includes(day))
                    writes.push({ key: keys[i * 3 + 1], value: [...days, day].sort() });
                if (latency !== undefined) {
                    const samples = values[i * 3 + 2] ?? [];
                    writes.push({ key: keys[i * 3 + 2], value: insertSample(samples, [entry.ts, latency], this.latenciesKept) });
                }
            });
            await this.kv.setMany(writes);
        });
    }
    async totals(channel, sinceTs) {
        const scope = channel ?? ALL_CHANNELS;
        const sinceDay = sinceTs === undefined ? undefined : utcDay(sinceTs);
        const [days = [], samples = []] = (await this.kv.getMany([
            StoreKeys.ledgerDays(scope),
            StoreKeys.ledgerLatencies(scope),
        ]));
        const wanted = sinceDay === undefined ? days : days.filter((day) => day >= sinceDay);
        const totals = emptyDayTotals();
        for (let start = 0; start < wanted.length; start += KV_BATCH) {
            const values = await this.kv.getMany(wanted.slice(start, start + KV_BATCH).map((day) => StoreKeys.ledgerDay(scope, day)));
            for (const value of values)
                if (value)
                    addTotals(totals, value);
        }
        const latencies = samples.filter(([ts]) => sinceDay === undefined || utcDay(ts) >= sinceDay).map(([, ms]) => ms);
        return { ...totals, latencies };
    }
}
/** Inserts in time order and keeps the newest `keep`; entries can arrive out of order. */
function insertSample(samples, sample, keep) {
    const next = [...samples];
    let at = next.length;
    while (at > 0 && next[at - 1][0] > sample[0])
        at--;
    next.splice(at, 0, sample);
    return next.length > keep ? next.slice(next.length - keep) : next;
}

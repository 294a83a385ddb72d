/**
 * The daily cap on sleep-time tokens (`MULL_DAILY_TOKEN_BUDGET`).
 *
 * "Day" is the calendar day in the configured timezone (`MULL_TIMEZONE`), not the UTC day: the
 * nightly cron fires in that timezone too, so the budget resets at local midnight and the 03:00
 * run always starts the day with the whole budget. With UTC days, a team in Tokyo would have its
 * 03:00 run land at 18:00 UTC, after the day's quiet passes had spent the budget.
 *
 * The cap is checked before a pass, and a pass's tokens are known only after it, so the last pass
 * of a day may overshoot by up to one pass; `remaining` is there for a pass that wants to size
 * itself to fit.
 */
import { ErrorCode, MullError } from '../core/errors.js';
export class DailyBudget {
    #limit;
    #timezone;
    #sleepTokensSince;
    #now;
    constructor(options) {
        if (options.limit !== null && !(options.limit >= 0)) {
            throw new MullError(ErrorCode.BadInput, `daily token budget must be null or at least 0, got ${options.limit}`);
        }
        this.#limit = options.limit;
        this.#timezone = options.timezone ?? 'UTC';
        this.#sleepTokensSince = options.sleepTokensSince;
        this.#now = options.now ?? (() => Date.now());
        // Fail at start-up, not at the first pass after midnight.
        partsFormatter(this.#timezone);
    }
    get limit() {
        return this.#limit;
    }
    /**
     * Whether a pass may run now. Rejects if the ledger cannot be read: the caller should then not
     * run the pass (failing closed keeps a broken store from turning into an unbounded bill).
     */
    async canRunPass() {
        const dayStartMs = startOfDay(this.#now(), this.#timezone);
        const usedToday = await this.#sleepTokensSince(dayStartMs);
        const limit = this.#limit;
        if (limit === null)
            return { ok: true, usedToday, limit, remaining: null, dayStartMs };
        return { ok: usedToday < limit, usedToday, limit, remaining: Math.max(0, limit - usedToday), dayStartMs };
    }
}
/**
 * The first instant of the calendar day containing `atMs` in `timezone`. Usually local midnight;
 * where a DST change skips midnight (America/Havana, March) it is the first minute that exists.
 */
export function startOfDay(atMs, timezone) {
    const { year, month, day, hour, minute, second } = localParts(atMs, timezone);
    const midnightAsUtc = Date.UTC(year, month - 1, day);
    // The UTC offset at local midnight is either the one before or the one after a DST change on
    // that day (zones change at most once a day), so try both and keep the earliest that reads as
    // this day; it is the start even where midnight happens twice or not at all.
    const candidates = [-1, 1]
        .map((days) => midnightAsUtc - offsetMs(midnightAsUtc + days * DAY_MS, timezone))
        .filter((t) => {
        const p = localParts(t, timezone);
        return p.year === year && p.month === month && p.day === day;
    });
    // Neither reads as this day only with two offset changes within a day of each other; then
    // subtract the wall-clock time of day, which is exact unless the change fell earlier today.
    if (candidates.length > 0)
        return Math.min(...candidates);
    return Math.floor(atMs / 1000) * 1000 - ((hour * 60 + minute) * 60 + second) * 1000;
}
const DAY_MS = 86_400_000;
const formatters = new Map();
function partsFormatter(timezone) {
    let formatter = formatters.get(timezone);
    if (!formatter) {
        try {
            formatter = new Intl.DateTimeFormat('en-US', {
                timeZone: timezone,
                hourCycle: 'h23',
                year: 'numeric',
                month: 'numeric',
                day: 'numeric',
                hour: 'numeric',
                minute: 'numeric',
                second: 'numeric',
            });
        }
        catch (error) {
            throw new MullError(ErrorCode.BadInput, `"${timezone}" is not an IANA timezone`, { cause: error });
        }
        formatters.set(timezone, formatter);
    }
    return formatter;
}
function localParts(atMs, timezone) {
    const parts = {};
    for (const part of partsFormatter(timezone).formatToParts(atMs)) {
        if (part.type !== 'literal')
            parts[part.type] = Number(part.value);
    }
    return {
        year: parts.year,
        month: parts.month,
        day: parts.day,
        hour: parts.hour,
        minute: parts.minute,
        second: parts.second,
    };
}
/** How far `timezone`'s wall clock is ahead of UTC at `atMs`. */
function offsetMs(atMs, timezone) {
    const p = localParts(atMs, timezone);
    const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    return wallAsUtc - Math.floor(atMs / 1000) * 1000;
}

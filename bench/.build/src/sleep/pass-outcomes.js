/**
 * Why a trigger produced no pass. `PassReport.reason` carries exactly one of these strings for
 * skips made by the triggers, so adapters can match on them (a `/rethink` reply says "the daily
 * sleep budget is spent", not a stack trace). Details (token counts, lock keys) go to the log.
 */
export const SkipReason = {
    /** Another instance holds this channel's pass lock (shared Redis/Postgres store). */
    Busy: 'busy',
    /** `MULL_DAILY_TOKEN_BUDGET` sleep tokens were already spent today. */
    BudgetSpent: 'budget spent',
    /** The scheduler was stopped (shutdown) before the pass could start. */
    Stopped: 'stopped',
};
/** A report for a pass that did not run: nothing read, nothing spent. */
export function skippedReport(channel, reason) {
    return { ...emptyReport(channel), status: 'skipped', reason };
}
/** A report for a pass that threw before producing its own report. */
export function failedReport(channel, reason, durationMs) {
    return { ...emptyReport(channel), status: 'failed', reason, durationMs };
}
function emptyReport(channel) {
    return {
        channel,
        newNotes: 0,
        changedNotes: 0,
        droppedNotes: 0,
        anticipated: 0,
        messagesRead: 0,
        tokens: 0,
        durationMs: 0,
        highlights: [],
    };
}

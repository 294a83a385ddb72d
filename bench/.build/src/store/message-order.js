/**
 * The one order of a channel's messages: by time, then by id for messages in the same
 * millisecond. Plain code-unit comparison of ids, so it is the same on every machine and locale.
 */
export function comparePosition(aTs, aId, bTs, bId) {
    if (aTs !== bTs)
        return aTs < bTs ? -1 : 1;
    if (aId === bId)
        return 0;
    return aId < bId ? -1 : 1;
}
export function compareMessages(a, b) {
    return comparePosition(a.ts, a.id, b.ts, b.id);
}
/**
 * JSON with object keys sorted, to tell whether a re-imported message differs from the stored
 * one regardless of key order. Undefined fields vanish, as they do in the stored JSON.
 */
export function canonicalJson(value) {
    return JSON.stringify(value, (_key, inner) => {
        if (inner === null || typeof inner !== 'object' || Array.isArray(inner))
            return inner;
        const sorted = {};
        for (const key of Object.keys(inner).sort())
            sorted[key] = inner[key];
        return sorted;
    });
}
const SLACK_TS = /^(\d{9,11})\.(\d{6})$/;
const SNOWFLAKE = /^\d{15,20}$/;
/** Discord's epoch, the first second of 2015. @see https://discord.com/developers/docs/reference#snowflakes */
const DISCORD_EPOCH_MS = 1420070400000n;
/**
 * A message's time guessed from its id, to find its chunk without a scan: a Slack id is the
 * message's `ts` ("1700000000.000100", seconds.microseconds); a Discord snowflake carries its
 * creation time in milliseconds above bit 22. Only a hint: callers fall back to a scan when the
 * message is not near this time, so an id that merely looks like one costs a scan, nothing more.
 */
export function timeHintFromId(id) {
    const slack = SLACK_TS.exec(id);
    if (slack)
        return Number(slack[1]) * 1000 + Math.floor(Number(slack[2]) / 1000);
    if (SNOWFLAKE.test(id))
        return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
    return undefined;
}

/**
 * The stored form of a value, byte for byte what keyv writes with `serialize: JSON.stringify`
 * (`{ value, expires }`, expires in epoch ms or absent). The conditional writes build rows in
 * this form so that keyv's get() reads them and honours their expiry.
 */
export function encodeEnvelope(value, expires) {
    return JSON.stringify({ value, expires });
}
/** keyv and Redis both want a whole number of milliseconds; a TTL of 0.5 ms must not mean "forever". */
export function normaliseTtl(ttlMs) {
    if (ttlMs === undefined)
        return undefined;
    return Math.max(1, Math.ceil(ttlMs));
}

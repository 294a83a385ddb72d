import { KeyvKeyValueStore } from './keyv-kv.js';
import { encodeEnvelope } from './kv.js';
/**
 * keyv's default Map, for fast unit tests of other modules. Every instance is private and empty;
 * nothing survives close().
 */
export class MemoryKeyValueStore extends KeyvKeyValueStore {
    backend = 'memory';
    /** keyv stores the serialised envelope strings in the Map as they are. */
    map;
    constructor(namespace) {
        const map = new Map();
        super(map, namespace);
        this.map = map;
    }
    // The conditional writes touch the Map synchronously, with no await between the check and the
    // write, so no other caller can interleave: that is what makes them atomic here.
    async setIfAbsentRaw(rawKey, value, ttlMs) {
        const now = Date.now();
        const raw = this.map.get(rawKey);
        if (raw !== undefined && !isExpired(raw, now))
            return false;
        this.map.set(rawKey, encodeEnvelope(value, now + ttlMs));
        return true;
    }
    async deleteIfValueRaw(rawKey, value) {
        const raw = this.map.get(rawKey);
        if (raw === undefined || JSON.parse(raw).value !== value)
            return false;
        this.map.delete(rawKey);
        return true;
    }
    async purgeExpired(now) {
        for (const [key, raw] of this.map) {
            // The substring test skips parsing the large message chunks, which never carry a TTL.
            if (key.startsWith(this.keyPrefix) && raw.includes('"expires":') && isExpired(raw, now)) {
                this.map.delete(key);
            }
        }
    }
    async closeBackend() {
        this.map.clear();
    }
}
function isExpired(raw, now) {
    const { expires } = JSON.parse(raw);
    return typeof expires === 'number' && expires < now;
}

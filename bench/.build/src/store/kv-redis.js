import KeyvRedis, { createClient } from '@keyv/redis';
import { StoreError } from '../core/errors.js';
import { describeError, KeyvKeyValueStore } from './keyv-kv.js';
import { encodeEnvelope } from './kv.js';
/** How long the first connection may take before openStore gives up. @unit milliseconds */
const CONNECT_TIMEOUT_MS = 5_000;
/** Longest wait between reconnection attempts once we had been connected. @unit milliseconds */
const MAX_RECONNECT_DELAY_MS = 2_000;
/**
 * Deletes KEYS[1] only while its envelope's value is ARGV[1]. cjson ships with every Redis since
 * 2.6 (and with Valkey); GET-compare-DEL in one script is atomic because scripts run alone.
 */
const DELETE_IF_VALUE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, envelope = pcall(cjson.decode, raw)
if ok and type(envelope) == 'table' and envelope.value == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;
export class RedisKeyValueStore extends KeyvKeyValueStore {
    backend = 'redis';
    client;
    constructor(client, namespace) {
        // No adapter namespace: KeyvKeyValueStore prefixes keys itself, so the stored key is exactly
        // rawKey() and the commands below address the same key keyv reads.
        super(new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true }), namespace);
        this.client = client;
    }
    async setIfAbsentRaw(rawKey, value, ttlMs) {
        // Redis expires the key itself (PX); the envelope carries the same deadline so keyv's get()
        // agrees with it. SET NX is a single atomic command.
        const reply = await this.client.set(rawKey, encodeEnvelope(value, Date.now() + ttlMs), {
            condition: 'NX',
            expiration: { type: 'PX', value: ttlMs },
        });
        return reply === 'OK';
    }
    async deleteIfValueRaw(rawKey, value) {
        const deleted = await this.client.eval(DELETE_IF_VALUE, { keys: [rawKey], arguments: [value] });
        return deleted === 1;
    }
    /** Redis drops expired keys itself. */
    async purgeExpired() { }
    async closeBackend() {
        await this.keyv.disconnect();
    }
}
/** Connects to Redis at `url`; `where` names the server for messages (never the credentials). */
export async function openRedisKv(url, namespace, where) {
    let connected = false;
    const client = createClient({
        url,
        // While Redis is unreachable, fail commands at once instead of queueing them without bound:
        // the caller (an event handler, a pass) reports and retries; a queue would hang it silently.
        disableOfflineQueue: true,
        socket: {
            connectTimeout: CONNECT_TIMEOUT_MS,
            // The first connection fails fast so openStore can say why; after that, a restart of Redis
            // is ridden out with capped exponential backoff.
            reconnectStrategy: (retries) => connected ? Math.min(2 ** retries * 100, MAX_RECONNECT_DELAY_MS) : false,
        },
    });
    // node-redis emits 'error' on every failed reconnect; without a listener Node would crash the
    // process. Commands issued meanwhile reject, which is where callers learn about the outage.
    client.on('error', () => undefined);
    try {
        await client.connect();
        connected = true;
    }
    catch (error) {
        // A refused first attempt has already closed the client; a timed-out one may still be open.
        if (client.isOpen)
            client.destroy();
        throw new StoreError(`cannot reach Redis at ${where}: ${describeError(error)}`, { cause: error });
    }
    return new RedisKeyValueStore(client, namespace);
}

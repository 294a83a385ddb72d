import { createClient } from '@keyv/redis';
import { StoreError } from '../core/errors.js';
import { describeError } from './describe-error.js';
import type { ShortLivedKeys } from './short-lived.js';

type RedisClient = ReturnType<typeof createClient>;

/** How long the first connection may take before openStore gives up. @unit milliseconds */
const CONNECT_TIMEOUT_MS = 5_000;
/** Longest wait between reconnection attempts once we had been connected. @unit milliseconds */
const MAX_RECONNECT_DELAY_MS = 2_000;

/** Deletes KEYS[1] only while it holds ARGV[1]; a script runs alone, so GET-compare-DEL is atomic. */
const DELETE_IF_VALUE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Short-lived keys in Redis. keyv (through @keyv/redis) offers get/set/delete with TTL but no
 * atomic set-if-absent or compare-and-delete, which are the only two operations needed here, so
 * this uses the node-redis client @keyv/redis ships: SET NX PX and a two-line script.
 */
export class RedisShortLivedKeys implements ShortLivedKeys {
  constructor(
    private readonly client: RedisClient,
    /** Prefix of every key, so several bots (or test files) can share one Redis. */
    private readonly prefix: string,
  ) {}

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.set(this.prefix + key, value, {
      condition: 'NX',
      expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
    });
    return reply === 'OK';
  }

  async deleteIfValue(key: string, value: string): Promise<void> {
    await this.client.eval(DELETE_IF_VALUE, { keys: [this.prefix + key], arguments: [value] });
  }

  /** Redis expires keys itself. */
  async sweep(): Promise<void> {}

  async close(): Promise<void> {
    if (this.client.isOpen) this.client.destroy();
  }
}

/** Connects to Redis at `url`; errors name the server, never the credentials. */
export async function openRedisShortLived(url: string, prefix: string): Promise<RedisShortLivedKeys> {
  let where = 'the configured Redis';
  try {
    const parsed = new URL(url);
    where = `${parsed.hostname || 'localhost'}:${parsed.port || 6379}`;
  } catch {
    throw new StoreError('MULL_REDIS_URL could not be parsed; expected redis://[USER:PASSWORD@]HOST:PORT[/DB]');
  }
  let connected = false;
  const client: RedisClient = createClient({
    url,
    // While Redis is unreachable, fail commands at once instead of queueing them without bound:
    // the caller (an event handler) reports and retries; a queue would hang it silently.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries) => (connected ? Math.min(2 ** retries * 100, MAX_RECONNECT_DELAY_MS) : false),
    },
  });
  // node-redis emits 'error' on every failed reconnect; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
    connected = true;
  } catch (error) {
    if (client.isOpen) client.destroy();
    throw new StoreError(`cannot reach Redis at ${where}: ${describeError(error)}`, { cause: error });
  }
  return new RedisShortLivedKeys(client, prefix);
}

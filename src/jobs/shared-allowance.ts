/**
 * A per-minute allowance shared by every process through Redis: the Slack draft-edit budget
 * (`chat.update` is Tier 3, about 50 a minute per workspace, whichever replica sends it). A
 * sliding window in a sorted set; the trim, count and add are one Lua script so two replicas
 * cannot both take the last edit.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** KEYS: the window. ARGV: now, window ms, limit, member. Returns 1 when taken. */
const TAKE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const WINDOW_MS = 60_000;

export class SharedAllowance {
  constructor(
    private readonly redis: Redis,
    /** The window's key, e.g. `mull:allowance:slack-draft-edits:T123`. */
    private readonly key: string,
    private readonly perMinute: number,
  ) {}

  /**
   * Takes one unit if the last minute has room across every process. When Redis does not answer
   * the unit is refused: a skipped draft frame costs nothing, a 429 on chat.update costs answers.
   */
  async take(): Promise<boolean> {
    try {
      return (await this.redis.eval(TAKE, 1, this.key, Date.now(), WINDOW_MS, this.perMinute, randomUUID())) === 1;
    } catch {
      return false;
    }
  }
}

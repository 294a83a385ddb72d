/**
 * The per-workspace concurrency limit (`MULL_WORKSPACE_CONCURRENCY`): at most N passes of one
 * Slack team or Discord guild run at once across every worker, so one big workspace cannot take
 * every worker and every request of the shared model account while others wait. BullMQ's own
 * group limits are a BullMQ Pro feature, so this is a small semaphore: a sorted set per
 * workspace whose members are running jobs, scored by when their claim lapses (a worker that
 * died frees its slot after `ttlMs`). One Lua script, so two workers cannot both take the last slot.
 */
import type { Redis } from 'ioredis';

/** KEYS: the set. ARGV: job id, limit, now, ttl. Returns 1 when the slot is held. */
const CLAIM = `
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local expires = now + tonumber(ARGV[4])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], expires, ARGV[1])
  return 1
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`;

export class WorkspaceSlots {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limit: number,
    /** How long a claim lives unless renewed. @unit milliseconds */
    private readonly ttlMs: number,
  ) {}

  /** Takes (or renews) a slot for the job; false when the workspace is at its limit. */
  async claim(workspace: string, jobId: string): Promise<boolean> {
    const reply = await this.redis.eval(CLAIM, 1, this.#key(workspace), jobId, this.limit, Date.now(), this.ttlMs);
    return reply === 1;
  }

  async release(workspace: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.#key(workspace), jobId);
  }

  /** Renews the claim every third of its lifetime until the returned function is called. */
  hold(workspace: string, jobId: string): () => void {
    const timer = setInterval(() => void this.claim(workspace, jobId).catch(() => undefined), Math.max(1_000, this.ttlMs / 3));
    timer.unref();
    return () => clearInterval(timer);
  }

  #key(workspace: string): string {
    return `${this.prefix}:slots:${workspace}`;
  }
}

/** The settings of issue 12 as src/config.ts reads them: roles, the queue, Discord shards. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';

const discord = { DISCORD_TOKEN: 'token' };

describe('jobs and shards configuration', () => {
  it('defaults: role all, no Redis (passes in process), documented limits', () => {
    expect(loadConfig({}).jobs).toEqual({
      redisUrl: undefined, role: 'all', concurrency: 4, workspaceConcurrency: 2, attempts: 4, lockMs: 30_000,
      passTokenReserve: 20_000, prefix: 'mull', healthPort: 3001,
    });
  });

  it('bot and worker roles need the shared queue, and say so', () => {
    expect(() => loadConfig({ MULL_ROLE: 'worker' })).toThrow(/MULL_ROLE: "worker" needs MULL_REDIS_URL/);
    expect(loadConfig({ MULL_ROLE: 'bot', MULL_REDIS_URL: 'redis://127.0.0.1:6379' }).jobs.role).toBe('bot');
    expect(() => loadConfig({ MULL_ROLE: 'boss' })).toThrow(/"boss" is not one of bot, worker, all/);
    expect(() => loadConfig({ MULL_REDIS_URL: 'http://x' })).toThrow(ConfigError);
  });

  it('DISCORD_SHARDS and DISCORD_SHARD_IDS: a count with this process ids, auto, and clear refusals', () => {
    expect(loadConfig({ ...discord }).discord).not.toHaveProperty('shards');
    expect(loadConfig({ ...discord, DISCORD_SHARDS: '4' }).discord).toMatchObject({ shards: [0, 1, 2, 3], shardCount: 4 });
    expect(loadConfig({ ...discord, DISCORD_SHARDS: '8', DISCORD_SHARD_IDS: '4-5, 7' }).discord).toMatchObject({ shards: [4, 5, 7], shardCount: 8 });
    expect(loadConfig({ ...discord, DISCORD_SHARDS: 'auto' }).discord).toMatchObject({ shards: 'auto' });
    expect(() => loadConfig({ ...discord, DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: '2' })).toThrow(/shard 2 is out of range for DISCORD_SHARDS=2/);
    expect(() => loadConfig({ ...discord, DISCORD_SHARD_IDS: '0' })).toThrow(/needs DISCORD_SHARDS/);
    expect(() => loadConfig({ ...discord, DISCORD_SHARDS: 'auto', DISCORD_SHARD_IDS: '0' })).toThrow(/not auto/);
    expect(() => loadConfig({ ...discord, DISCORD_SHARDS: 'zero' })).toThrow(/shard count/);
  });
});

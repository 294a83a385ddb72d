/**
 * The Slack draft-edit allowance shared through Redis: two replicas (two allowances over one key)
 * racing for edits get the per-minute limit between them, not each.
 */
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { SharedAllowance } from '../../src/jobs/shared-allowance.js';
import { describeService } from '../store/services.js';
import { deleteKeys, REDIS_URL, redisUnreachable, testPrefix } from './redis-helpers.js';

const prefix = testPrefix('allowance');
const clients: Redis[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await deleteKeys(prefix);
});

describeService('Redis (shared allowance)', await redisUnreachable(), () => {
  it('two replicas taking 40 edits at once share one allowance of 20 a minute', async () => {
    const key = `${prefix}:allowance:slack-draft-edits:T1`;
    const [a, b] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    clients.push(a, b);
    const one = new SharedAllowance(a, key, 20);
    const two = new SharedAllowance(b, key, 20);
    const taken = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).take()));
    expect(taken.filter(Boolean)).toHaveLength(20);
    // Another workspace has its own allowance.
    expect(await new SharedAllowance(a, `${prefix}:allowance:slack-draft-edits:T2`, 20).take()).toBe(true);
  });

  it('refuses (skips the frame) when Redis does not answer', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    dead.on('error', () => undefined);
    clients.push(dead);
    expect(await new SharedAllowance(dead, `${prefix}:x`, 20).take()).toBe(false);
  });
});

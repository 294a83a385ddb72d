import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError } from '../core/errors.js';
import { StoreKeys } from './keys.js';
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 200;
/**
 * Read-modify-write under a lease taken with the backend's atomic setIfAbsent. The in-process
 * KeyedQueue already orders writers inside one process; the lease covers a second process on
 * the same database (`mull import` next to a running bot, or two bot replicas on Redis or
 * PostgreSQL), which would otherwise lose each other's messages.
 */
export async function withWriteLease(kv, name, options, work) {
    const key = StoreKeys.writeLease(name);
    const token = randomUUID();
    const deadline = Date.now() + options.waitMs;
    let delay = FIRST_RETRY_MS;
    while (!(await kv.setIfAbsent(key, token, options.ttlMs))) {
        if (Date.now() >= deadline) {
            throw new StoreError(`${name} is being written by another process; gave up after ${options.waitMs} ms (a crashed writer's lease expires after ${options.ttlMs} ms)`);
        }
        await sleep(delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
    try {
        return await work();
    }
    finally {
        // If the release itself fails (the backend just went away) the lease simply expires after
        // ttlMs; reporting that instead of the work's own outcome would mislead the caller, whose
        // write has committed (or failed) already.
        await kv.deleteIfValue(key, token).catch(() => undefined);
    }
}

import type { Logger } from '../../core/logger.js';
import type { Store } from '../../store/store.js';

export type LeaseStore = Pick<Store, 'acquireLock' | 'releaseLock'>;

/** A hold on one piece of work, renewed in the background until released or lost. */
export interface Lease {
  /** False once a renewal failed: another instance may have taken over, so stop at the next step. */
  readonly held: boolean;
  release(): Promise<void>;
}

/**
 * Takes a renewable lease over the Store's locks, or returns null when another instance holds it.
 *
 * Store locks cannot be extended (acquireLock / releaseLock, each with a fixed TTL), yet a Slack
 * backfill can run for hours under Slack's history limits. So time is cut into slots of
 * `slotMs`; the lease is the lock of the current slot, and its holder also holds the next slot's
 * lock, taking the one after while the current slot lasts (renewing every third of a slot).
 * Anyone else asks only for the current slot's lock, which a live holder always already has; once
 * a holder stops renewing (it died), its locks run out and the work is free again within one to
 * two slots. Releasing and re-taking one lock instead would leave a gap another instance could
 * slip into.
 */
export async function takeLease(
  store: LeaseStore,
  key: string,
  slotMs: number,
  logger: Logger,
  now: () => number = () => Date.now(),
): Promise<Lease | null> {
  const slotOf = (t: number) => Math.floor(t / slotMs);
  const held = new Map<number, string>();
  // A slot's lock is taken at most one slot early and must last to that slot's end.
  const claim = async (slot: number): Promise<boolean> => {
    if (held.has(slot)) return true;
    const token = await store.acquireLock(`${key}:${slot}`, 2 * slotMs);
    if (token) held.set(slot, token);
    return token !== null;
  };
  const releaseAll = async () => {
    const tokens = [...held];
    held.clear();
    for (const [slot, token] of tokens) await store.releaseLock(`${key}:${slot}`, token).catch(() => undefined);
  };

  const first = slotOf(now());
  if (!(await claim(first)) || !(await claim(first + 1))) {
    await releaseAll();
    return null;
  }

  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async () => {
    const current = slotOf(now());
    try {
      if (!(await claim(current)) || !(await claim(current + 1))) {
        lost = true;
        logger.warn({ key }, 'lease lost: renewed too late, another instance may hold it');
      }
    } catch (error) {
      // The store is unreachable: the work carries on; the next renewal tries again, in time.
      logger.warn({ err: error, key }, 'lease renewal failed; retrying');
    }
    for (const [slot, token] of held) {
      if (slot >= current) continue;
      held.delete(slot);
      await store.releaseLock(`${key}:${slot}`, token).catch(() => undefined);
    }
    if (lost) {
      clearInterval(timer);
      await releaseAll();
    }
  };
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, Math.max(1, Math.floor(slotMs / 3)));
  timer.unref();

  return {
    get held() {
      return !lost;
    },
    async release() {
      clearInterval(timer);
      await renewing;
      await releaseAll();
    },
  };
}

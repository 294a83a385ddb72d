import type { DiscordContext } from './context.js';

/** Which kind of event a de-duplication key is for. */
export type EventKind = 'create' | 'edit';

/**
 * True the first time an event is seen. The gateway replays events after a RESUME, a restarted
 * process sees its backlog again, and two processes sharing one store (and, by mistake, one token)
 * both receive everything: only the first to claim the key handles the event, so nobody gets two
 * replies. Claimed before handling: a crash mid-way loses one reply rather than doubling it.
 */
export function firstDelivery(ctx: Pick<DiscordContext, 'store' | 'options'>, kind: EventKind, id: string): Promise<boolean> {
  return ctx.store.setIfAbsent(`discord:seen:${kind}:${id}`, '1', ctx.options.dedupTtlMs);
}

/**
 * Slash-command interactions seen by this process. An interaction must get its first response
 * within 3 seconds, so its de-duplication does no I/O (a slow store must not eat the window): a
 * replay within this process is caught here; one in another process, or after a restart, is
 * refused by Discord itself when it answers (40060 already acknowledged, 10062 unknown).
 * A plain Map: the ids share one TTL, so insertion order is expiry order and pruning is a scan
 * from the front, which is all a cache library would add here.
 */
export class RecentInteractions {
  readonly #until = new Map<string, number>();

  /** @param ttlMs how long an id is remembered. @unit milliseconds */
  constructor(private readonly ttlMs: number) {}

  /** True the first time `id` is seen within the TTL. */
  first(id: string): boolean {
    const now = Date.now();
    for (const [key, until] of this.#until) {
      if (until > now) break;
      this.#until.delete(key);
    }
    if (this.#until.has(id)) return false;
    this.#until.set(id, now + this.ttlMs);
    return true;
  }
}

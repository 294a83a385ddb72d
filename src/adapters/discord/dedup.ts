import type { DiscordContext } from './context.js';

/** Which kind of event a de-duplication key is for. */
export type EventKind = 'create' | 'edit' | 'interaction';

/**
 * True the first time an event is seen. The gateway replays events after a RESUME, a restarted
 * process sees its backlog again, and two processes sharing one store (and, by mistake, one token)
 * both receive everything: only the first to claim the key handles the event, so nobody gets two
 * replies. Claimed before handling: a crash mid-way loses one reply rather than doubling it.
 */
export function firstDelivery(ctx: Pick<DiscordContext, 'store' | 'options'>, kind: EventKind, id: string): Promise<boolean> {
  return ctx.store.setIfAbsent(`discord:seen:${kind}:${id}`, '1', ctx.options.dedupTtlMs);
}

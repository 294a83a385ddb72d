import type { SlackContext } from './slack-context.js';

/** A thread stays "tagged" this long after Mull last answered in it. @unit milliseconds */
const TAGGED_TTL_MS = 7 * 86_400_000;
const key = (ctx: SlackContext, channel: string, threadTs: string) => `slack:tagged-thread:${ctx.identity.teamId}:${channel}:${threadTs}`;

/** Remembers that Mull answered a mention in this thread (for `/mull settings threads on`). */
export async function markTagged(ctx: SlackContext, channel: string, threadTs: string): Promise<void> {
  await ctx.store.setState(key(ctx, channel, threadTs), true, TAGGED_TTL_MS);
}

export async function wasTagged(ctx: SlackContext, channel: string, threadTs: string): Promise<boolean> {
  return (await ctx.store.getState<boolean>(key(ctx, channel, threadTs))) === true;
}

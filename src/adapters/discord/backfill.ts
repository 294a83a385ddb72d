import type { Collection, Guild, Message } from 'discord.js';
import type { DiscordContext } from './context.js';
import { placeOf, readableSources, toCoreChannel, type MessageSource } from './channels.js';
import { compareSnowflakes } from './keys.js';
import { isHistoryMessage, toStoredMessage } from './messages.js';
import { loggableError } from './loggable-error.js';

/** Discord returns at most 100 messages per history request. */
export const PAGE_SIZE = 100;

/**
 * How far backfill got in one channel or thread, kept in the store so a restart resumes rather
 * than starts over.
 */
export interface BackfillCursor {
  /** The oldest message read: the next older page is fetched `before` it. */
  oldest?: string;
  /** The newest message read: after a restart, what arrived meanwhile is fetched `after` it. */
  newest?: string;
  /** Older pages read so far (at most `backfillPages`). */
  pages: number;
  /** The channel's beginning, or the page limit, was reached. */
  complete: boolean;
}

export const cursorKey = (channelId: string) => `discord:backfill:${channelId}`;

/**
 * Reads the history of every channel and public thread the bot can read in a guild, one channel
 * at a time and one request at a time, through discord.js's REST queue (which waits out 429s and
 * per-route buckets; nothing here runs requests in parallel to get around it).
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 */
export async function backfillGuild(ctx: DiscordContext, guild: Guild, signal: AbortSignal): Promise<void> {
  for (const source of readableSources(guild)) {
    if (signal.aborted) return;
    try {
      await backfillSource(ctx, source, signal);
    } catch (error) {
      ctx.logger.warn({ err: loggableError(error), guild: guild.id, channel: source.id }, 'discord: backfill of a channel failed');
    }
  }
}

async function backfillSource(ctx: DiscordContext, source: MessageSource, signal: AbortSignal): Promise<void> {
  const key = cursorKey(source.id);
  const cursor: BackfillCursor = (await ctx.store.getState<BackfillCursor>(key)) ?? { pages: 0, complete: false };
  let added = 0;

  // Catch up on what arrived while Mull was not running (live messages are stored as they come).
  while (cursor.newest && !signal.aborted) {
    const page = await fetchPage(source, { after: cursor.newest });
    if (page.length === 0) break;
    added += await ingestPage(ctx, source, page);
    cursor.newest = page[page.length - 1]!.id;
    await ctx.store.setState(key, cursor);
    if (page.length < PAGE_SIZE) break;
  }

  // Then walk back in time until the channel's first message or the page limit.
  while (!cursor.complete && !signal.aborted) {
    const page = await fetchPage(source, cursor.oldest ? { before: cursor.oldest } : {});
    if (page.length > 0) {
      added += await ingestPage(ctx, source, page);
      cursor.oldest = page[0]!.id;
      cursor.newest ??= page[page.length - 1]!.id;
    }
    cursor.pages += 1;
    cursor.complete = page.length < PAGE_SIZE || cursor.pages >= ctx.options.backfillPages;
    await ctx.store.setState(key, cursor);
  }
  if (added > 0) ctx.logger.info({ channel: source.id, added, pages: cursor.pages }, 'discord: backfilled');
}

/** One page, oldest first. */
async function fetchPage(source: MessageSource, around: { before?: string; after?: string }): Promise<Message[]> {
  const page: Collection<string, Message> = await source.messages.fetch({ limit: PAGE_SIZE, cache: false, ...around });
  return [...page.values()].sort((a, b) => compareSnowflakes(a.id, b.id));
}

async function ingestPage(ctx: DiscordContext, source: MessageSource, page: Message[]): Promise<number> {
  const place = placeOf(source);
  if (!place) return 0;
  const filter = { botId: ctx.client.user.id, ignoreBots: ctx.options.ignoreBots };
  const messages = page.filter((m) => isHistoryMessage(m, filter)).map((m) => toStoredMessage(m, place));
  if (messages.length === 0) return 0;
  const { added } = await ctx.engine.ingestHistory(toCoreChannel(place.channel), messages);
  return added;
}

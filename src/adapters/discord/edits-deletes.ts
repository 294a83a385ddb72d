import {
  ChannelType,
  GatewayDispatchEvents,
  type GatewayMessageDeleteBulkDispatchData,
  type GatewayMessageDeleteDispatchData,
  type GatewayMessageUpdateDispatchData,
  type GatewayThreadDeleteDispatchData,
  type Client,
} from 'discord.js';
import type { StoredMessage } from '../../core/types.js';
import type { DiscordContext } from './context.js';
import { resolvePlace, toCoreChannel } from './channels.js';
import { firstDelivery } from './dedup.js';
import { guildChannelKey, snowflakeTs } from './keys.js';
import { rawMessageText } from './messages.js';

/**
 * Runs a handler's work once the adapter is ready, keeping track of it and logging its failure.
 * Work given a `lane` (a Discord channel id) runs after the earlier work of that lane, so a
 * message's creation, edits and deletion reach the engine in the order Discord sent them.
 */
/** Stored messages read per page when looking for a deleted thread's messages. */
const THREAD_SCAN_PAGE = 1_000;

export type Run = (label: string, work: (ctx: DiscordContext) => Promise<void>, lane?: string) => void;

/**
 * Edits and deletions are read from the raw gateway dispatches, not discord.js's messageUpdate /
 * messageDelete events: those fire only for messages and channels in its cache, and a deletion
 * must reach the store even for a message older than this process or in an archived thread.
 */
export function watchEditsAndDeletes(client: Client, run: Run): void {
  const ws = client.ws;
  ws.on(GatewayDispatchEvents.MessageUpdate, (data: GatewayMessageUpdateDispatchData) =>
    run('edit', (ctx) => onEdit(ctx, data), data.channel_id),
  );
  ws.on(GatewayDispatchEvents.MessageDelete, (data: GatewayMessageDeleteDispatchData) =>
    run('delete', (ctx) => onDelete(ctx, data.guild_id, data.channel_id, [data.id]), data.channel_id),
  );
  ws.on(GatewayDispatchEvents.MessageDeleteBulk, (data: GatewayMessageDeleteBulkDispatchData) =>
    run('delete', (ctx) => onDelete(ctx, data.guild_id, data.channel_id, data.ids), data.channel_id),
  );
  ws.on(GatewayDispatchEvents.ThreadDelete, (data: GatewayThreadDeleteDispatchData) =>
    run('thread delete', (ctx) => onThreadDelete(ctx, data), data.id),
  );
}

async function onEdit(ctx: DiscordContext, data: GatewayMessageUpdateDispatchData): Promise<void> {
  // Updates without an edit time are Discord unfurling embeds, not a person editing.
  if (!data.guild_id || !data.edited_timestamp || typeof data.content !== 'string') return;
  if (data.author.id === ctx.client.user.id) return;
  if (ctx.options.ignoreBots && (data.author.bot || data.webhook_id)) return;
  const place = await resolvePlace(ctx.client, data.channel_id);
  if (!place) return;
  const editedTs = Date.parse(data.edited_timestamp);
  if (!(await firstDelivery(ctx, 'edit', `${data.id}:${editedTs}`))) return;
  const channel = ctx.client.channels.cache.get(data.channel_id);
  await ctx.engine.ingest({
    type: 'edit',
    channel: toCoreChannel(place.channel).key,
    id: data.id,
    ts: snowflakeTs(data.id),
    text: rawMessageText(data.content, data.attachments, channel),
    editedTs,
  });
}

async function onDelete(ctx: DiscordContext, guildId: string | undefined, channelId: string, ids: readonly string[]): Promise<void> {
  if (!guildId) return;
  const place = await resolvePlace(ctx.client, channelId);
  if (!place) {
    // Only channels Mull files messages under resolve; anything else was never stored, unless the
    // channel is gone and cannot be looked up: then its own key is the best guess.
    if (ctx.client.channels.cache.has(channelId)) return;
    ctx.logger.warn({ channel: channelId, count: ids.length }, 'discord: deletion in an unknown channel');
  }
  const key = place ? toCoreChannel(place.channel).key : guildChannelKey(guildId, channelId);
  for (const id of ids) {
    // Deletions are idempotent, so replays need no de-duplication.
    await ctx.engine.ingest({ type: 'delete', channel: key, id, ts: snowflakeTs(id) });
  }
  ctx.logger.info({ channel: key, count: ids.length }, 'discord: messages deleted');
}

/**
 * Discord sends no MESSAGE_DELETE for the messages of a deleted thread, so they are found in the
 * store (filed under the parent, with the thread's id) and deleted one by one. A forum post's
 * starter message shares the thread's id and lives in the thread, so it goes too; a text
 * channel's thread starter lives in the channel and stays.
 */
async function onThreadDelete(ctx: DiscordContext, data: GatewayThreadDeleteDispatchData): Promise<void> {
  if (data.type === ChannelType.PrivateThread || !data.parent_id) return;
  const key = guildChannelKey(data.guild_id, data.parent_id);
  const parent = ctx.client.channels.cache.get(data.parent_id);
  const forumLike = parent?.type === ChannelType.GuildForum || parent?.type === ChannelType.GuildMedia;
  // Paged: a parent channel can hold years of history, and only the thread's messages are wanted.
  const doomed: StoredMessage[] = [];
  let after: { ts: number; id: string } | null = null;
  for (;;) {
    const page = await ctx.store.readMessages(key, { after, limit: THREAD_SCAN_PAGE });
    doomed.push(...page.filter((m) => m.threadId === data.id || (forumLike && m.id === data.id)));
    if (page.length < THREAD_SCAN_PAGE) break;
    const last = page[page.length - 1]!;
    after = { ts: last.ts, id: last.id };
  }
  for (const message of doomed) {
    await ctx.engine.ingest({ type: 'delete', channel: key, id: message.id, ts: message.ts });
  }
  ctx.logger.info({ channel: key, thread: data.id, count: doomed.length }, 'discord: thread deleted');
}

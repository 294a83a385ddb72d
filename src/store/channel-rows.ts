import type { Kysely, Selectable, Transaction } from 'kysely';
import { StoreError } from '../core/errors.js';
import type { ChannelKey, Platform } from '../core/ids.js';
import type { Channel, Workspace } from '../core/types.js';
import type { ChannelTable, Database } from './database.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function putWorkspace(db: Db, workspace: Workspace): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({ platform: workspace.platform, id: workspace.id, name: workspace.name })
    .onConflict((c) => c.columns(['platform', 'id']).doUpdateSet({ name: workspace.name }))
    .execute();
}

export async function getWorkspace(db: Db, platform: string, id: string): Promise<Workspace | undefined> {
  const row = await db.selectFrom('workspaces').selectAll().where('platform', '=', platform).where('id', '=', id).executeTakeFirst();
  return row && { platform: row.platform as Platform, id: row.id, name: row.name };
}

/** The channel row and its member list, replaced together in the caller's transaction. */
export async function putChannel(trx: Transaction<Database>, channel: Channel): Promise<void> {
  if (typeof channel.key !== 'string' || channel.key === '') throw new StoreError('putChannel: the channel needs a key');
  const row = {
    key: channel.key,
    platform: channel.platform,
    workspace: channel.workspace,
    id: channel.id,
    name: channel.name,
    is_private: channel.isPrivate ? 1 : 0,
    is_dm: channel.isDm ? 1 : 0,
    members_known: channel.members ? 1 : 0,
    members_updated_at: channel.membersUpdatedAt ?? null,
  };
  const { key: _key, ...changes } = row;
  await trx.insertInto('channels').values(row).onConflict((c) => c.column('key').doUpdateSet(changes)).execute();
  await trx.deleteFrom('channel_members').where('channel', '=', channel.key).execute();
  const members = [...new Set(channel.members ?? [])];
  for (let start = 0; start < members.length; start += 500) {
    await trx
      .insertInto('channel_members')
      .values(members.slice(start, start + 500).map((user_id, i) => ({ channel: channel.key, user_id, position: start + i })))
      .execute();
  }
}

export async function getChannel(db: Db, key: ChannelKey): Promise<Channel | undefined> {
  const row = await db.selectFrom('channels').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  const members = row.members_known
    ? (await db.selectFrom('channel_members').select('user_id').where('channel', '=', key).orderBy('position').execute()).map((m) => m.user_id)
    : undefined;
  return fromRow(row, members);
}

/** Every channel, by key. */
export async function listChannels(db: Db): Promise<Channel[]> {
  const [rows, members] = await Promise.all([
    db.selectFrom('channels').selectAll().orderBy('key').execute(),
    db.selectFrom('channel_members').select(['channel', 'user_id']).orderBy('channel').orderBy('position').execute(),
  ]);
  const byChannel = new Map<string, string[]>();
  for (const member of members) {
    const list = byChannel.get(member.channel) ?? [];
    list.push(member.user_id);
    byChannel.set(member.channel, list);
  }
  return rows.map((row) => fromRow(row, row.members_known ? (byChannel.get(row.key) ?? []) : undefined));
}

function fromRow(row: Selectable<ChannelTable>, members: string[] | undefined): Channel {
  const channel: Channel = {
    key: row.key as ChannelKey,
    platform: row.platform as Platform,
    workspace: row.workspace,
    id: row.id,
    name: row.name,
    isPrivate: row.is_private === 1,
    isDm: row.is_dm === 1,
  };
  if (members) channel.members = members;
  if (row.members_updated_at !== null) channel.membersUpdatedAt = row.members_updated_at;
  return channel;
}

/** Records that a message was deleted on the platform (idempotent). */
export async function addTombstone(db: Db, channel: ChannelKey, id: string, at: number): Promise<void> {
  await db
    .insertInto('deleted_messages')
    .values({ channel, id, deleted_at: at })
    .onConflict((c) => c.columns(['channel', 'id']).doNothing())
    .execute();
}

export async function tombstones(db: Db, channel: ChannelKey, limit: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('deleted_messages')
    .select('id')
    .where('channel', '=', channel)
    .orderBy('deleted_at', 'desc')
    .limit(limit)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Marks a channel removed at `at`, unless it is already (a second removal keeps the first time). One statement. */
export async function markRemoved(db: Db, channel: ChannelKey, at: number): Promise<void> {
  await db.insertInto('removed_channels').values({ channel, removed_at: at }).onConflict((c) => c.column('channel').doNothing()).execute();
}

export async function clearRemoved(db: Db, channel: ChannelKey): Promise<void> {
  await db.deleteFrom('removed_channels').where('channel', '=', channel).execute();
}

export async function removedChannels(db: Db): Promise<Record<ChannelKey, number>> {
  const rows = await db.selectFrom('removed_channels').select(['channel', 'removed_at']).orderBy('channel').execute();
  return Object.fromEntries(rows.map((row) => [row.channel, Number(row.removed_at)]));
}

/** Removes the channel's row and member list (its name, privacy, who is in it). */
export async function deleteChannel(trx: Transaction<Database>, channel: ChannelKey): Promise<boolean> {
  await trx.deleteFrom('channel_members').where('channel', '=', channel).execute();
  const result = await trx.deleteFrom('channels').where('key', '=', channel).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

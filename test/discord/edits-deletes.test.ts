import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey, snowflakeTs } from '../../src/adapters/discord/keys.js';
import { settle, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';

let h: DiscordHarness;
afterEach(() => h?.close());

describe('Discord edits and deletions', () => {
  it('passes edits to the engine once, with the new text and edit time, and skips embed-only updates', async () => {
    h = await startDiscordHarness();
    const { general } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);
    const original = h.fake.message({ channel_id: general.id, guild_id: h.world.guild.id, author: h.world.users.alice, content: 'launch is March 1' });
    h.fake.dispatch('MESSAGE_CREATE', original);
    await waitFor(() => h.store.all(key).length === 1);

    // Discord unfurling a link: an update with no edit time. Not an edit.
    h.fake.dispatch('MESSAGE_UPDATE', { ...original, embeds: [{ type: 'link', url: 'https://example.com' }] });
    const editedAt = new Date(Date.now() + 1000).toISOString();
    const edited = { ...original, content: 'launch is March 3', edited_timestamp: editedAt };
    h.fake.dispatch('MESSAGE_UPDATE', edited);
    h.fake.dispatch('MESSAGE_UPDATE', edited); // delivered again
    await waitFor(() => h.store.all(key)[0]?.text === 'launch is March 3');
    await settle();

    const edits = h.engine.of('ingest').map(([e]) => e).filter((e) => e.type === 'edit');
    expect(edits).toEqual([{ type: 'edit', channel: key, id: original.id, ts: snowflakeTs(original.id), text: 'launch is March 3', editedTs: Date.parse(editedAt) }]);
    expect(h.store.all(key)[0]).toMatchObject({ text: 'launch is March 3', editedTs: Date.parse(editedAt) });
  });

  it('purges deleted messages, one by one and in bulk, including messages older than this process', async () => {
    h = await startDiscordHarness();
    const { general } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);
    const say = (content: string) => h.fake.message({ channel_id: general.id, guild_id: h.world.guild.id, author: h.world.users.bob, content });
    const [a, b, c] = [say('one'), say('two'), say('three')];
    for (const m of [a, b, c]) h.fake.dispatch('MESSAGE_CREATE', m);
    await waitFor(() => h.store.all(key).length === 3);

    h.fake.dispatch('MESSAGE_DELETE', { id: a!.id, channel_id: general.id, guild_id: h.world.guild.id });
    h.fake.dispatch('MESSAGE_DELETE_BULK', { ids: [b!.id, c!.id], channel_id: general.id, guild_id: h.world.guild.id });
    // A message discord.js never cached (sent before this process started) still reaches the engine.
    h.fake.dispatch('MESSAGE_DELETE', { id: '1100000000000000000', channel_id: general.id, guild_id: h.world.guild.id });
    await waitFor(() => h.engine.of('ingest').filter(([e]) => e.type === 'delete').length === 4);
    expect(h.store.all(key)).toEqual([]);
    const deletes = h.engine.of('ingest').map(([e]) => e).filter((e) => e.type === 'delete');
    expect(deletes.map((e) => [e.channel, e.id])).toEqual([a, b, c, { id: '1100000000000000000' }].map((m) => [key, m!.id]));
  });

  it("keeps a channel's events in order: a message edited and deleted right after it was sent is gone", async () => {
    h = await startDiscordHarness();
    const { general } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);
    const oops = h.fake.message({ channel_id: general.id, guild_id: h.world.guild.id, author: h.world.users.alice, content: 'the password is hunter2' });
    h.fake.dispatch('MESSAGE_CREATE', oops);
    h.fake.dispatch('MESSAGE_UPDATE', { ...oops, content: 'the password is ******', edited_timestamp: new Date().toISOString() });
    h.fake.dispatch('MESSAGE_DELETE', { id: oops.id, channel_id: general.id, guild_id: h.world.guild.id });
    await waitFor(() => h.engine.of('ingest').length === 3);
    expect(h.engine.of('ingest').map(([e]) => e.type)).toEqual(['message', 'edit', 'delete']);
    expect(h.store.all(key)).toEqual([]);
  });

  it('files thread edits and deletions under the parent channel, and purges a deleted thread', async () => {
    h = await startDiscordHarness();
    const { general, thread } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);
    const inThread = (content: string) => h.fake.message({ channel_id: thread.id, guild_id: h.world.guild.id, author: h.world.users.alice, content });
    const outside = h.fake.message({ channel_id: general.id, guild_id: h.world.guild.id, author: h.world.users.alice, content: 'not in the thread' });
    const [x, y] = [inThread('draft notes'), inThread('final notes')];
    for (const m of [x, y, outside]) h.fake.dispatch('MESSAGE_CREATE', m);
    await waitFor(() => h.store.all(key).length === 3);

    h.fake.dispatch('MESSAGE_UPDATE', { ...x, content: 'draft notes v2', edited_timestamp: new Date().toISOString() });
    await waitFor(() => h.store.all(key).find((m) => m.id === x!.id)?.text === 'draft notes v2');

    h.fake.dispatch('THREAD_DELETE', { id: thread.id, guild_id: h.world.guild.id, parent_id: general.id, type: 11 });
    await waitFor(() => h.store.all(key).length === 1);
    expect(h.store.all(key).map((m) => m.id)).toEqual([outside.id]);
  });

  it('finds a deleted thread\'s messages by paging through the parent, never reading it whole (issue 14, 8)', async () => {
    h = await startDiscordHarness();
    const { general, thread } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);
    const history = Array.from({ length: 2_500 }, (_, i) => ({
      id: String(1_000_000 + i), ts: 1_700_000_000_000 + i * 1_000, user: 'u', text: `m${i}`,
      ...(i % 500 === 7 ? { threadId: thread.id } : {}),
    }));
    h.store.put(key, history);
    h.fake.dispatch('THREAD_DELETE', { id: thread.id, guild_id: h.world.guild.id, parent_id: general.id, type: 11 });
    await waitFor(() => h.store.all(key).length === 2_495);
    expect(h.store.all(key).some((m) => m.threadId === thread.id)).toBe(false);
    const reads = h.store.reads.filter((r) => r.channel === key);
    expect(reads.length).toBeGreaterThanOrEqual(3);
    for (const read of reads) expect(read.options?.limit).toBeLessThanOrEqual(1_000);
  });
});

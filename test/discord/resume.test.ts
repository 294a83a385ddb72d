import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { posted, settle, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';

let h: DiscordHarness;
afterEach(() => h?.close());

describe('Discord gateway disconnects', () => {
  it('resumes after the server drops the socket, gets what it missed, and handles nothing twice', async () => {
    h = await startDiscordHarness();
    const { general } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);
    const guild_id = h.world.guild.id;
    const { alice } = h.world.users;
    const before = h.fake.message({ channel_id: general.id, guild_id, author: alice, content: 'before the drop' });
    h.fake.dispatch('MESSAGE_CREATE', before);
    await waitFor(() => h.store.all(key).length === 1);

    // Discord drops the connection with a resumable code; events keep coming meanwhile.
    h.fake.resumeOverlap = 3; // and, as Discord may, it replays some the bot already had
    h.fake.disconnect(4000);
    const during = h.fake.message({
      channel_id: general.id, guild_id, author: alice, content: `<@${h.fake.bot.id}> did we ship?`,
      mentions: [h.fake.bot], member: h.world.member(alice),
    });
    h.fake.dispatch('MESSAGE_CREATE', during);

    await waitFor(() => h.fake.resumes.length === 1 && posted(h, general.id).length === 1, 10_000);
    await settle(500);
    expect(h.fake.identifies).toHaveLength(1); // resumed, not a new session
    expect(h.fake.resumes[0]).toMatchObject({ token: h.fake.token });
    expect(h.store.all(key).map((m) => m.id)).toEqual([before.id, during.id]);
    expect(h.engine.of('ingest')).toHaveLength(2);
    expect(h.engine.of('ask')).toHaveLength(1);
    expect(posted(h, general.id)).toHaveLength(1);
    expect(posted(h, general.id)[0]!.body.message_reference).toMatchObject({ message_id: during.id });
  });

  it('does not answer again when a restarted process (same store) is sent the same message', async () => {
    h = await startDiscordHarness();
    const { general } = h.world.channels;
    const { alice } = h.world.users;
    const question = h.fake.message({
      channel_id: general.id, guild_id: h.world.guild.id, author: alice, content: `<@${h.fake.bot.id}> status?`,
      mentions: [h.fake.bot], member: h.world.member(alice),
    });
    h.fake.dispatch('MESSAGE_CREATE', question);
    await waitFor(() => posted(h, general.id).length === 1);
    await h.discord.stop();

    await h.restart(); // a fresh discord.js client: empty caches, new gateway session
    expect(h.fake.identifies).toHaveLength(2);
    h.fake.dispatch('MESSAGE_CREATE', question);
    await settle(500);
    expect(posted(h, general.id)).toHaveLength(1);
    expect(h.engine.of('ask')).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { snowflake } from '../fakes/fake-discord.js';
import { firstPost, offlineCore, posted, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';

/**
 * The adapter on the real engine (offline: no model, so answers quote the stored history) and the
 * real store. What a person sees must reflect edits, deletions and who may read what.
 */
let h: DiscordHarness;
afterEach(() => h?.close());

describe('Discord on the real engine', () => {
  it('answers from edited text, never from deleted messages or channels the asker cannot view', async () => {
    h = await startDiscordHarness({ core: offlineCore });
    const { alice, bob } = h.world.users;
    const { general, secret } = h.world.channels;
    const guild_id = h.world.guild.id;
    const say = (channel_id: string, author: { id: string }, content: string) => {
      const m = h.fake.message({ channel_id, guild_id, author, content, member: h.world.member(author) });
      h.fake.dispatch('MESSAGE_CREATE', m);
      return m;
    };
    const launch = say(general.id, alice, 'The launch date for the falcon release is March 3');
    const leaked = say(general.id, bob, 'falcon release admin password is hunter2');
    say(secret.id, bob, 'The falcon release budget is two million');
    await waitFor(() => h.engine.of('ingest').length === 3 && h.engine.calls.every((c) => c.doneAt));

    h.fake.dispatch('MESSAGE_UPDATE', { ...launch, content: 'The launch date for the falcon release is March 10', edited_timestamp: new Date().toISOString() });
    h.fake.dispatch('MESSAGE_DELETE', { id: leaked.id, channel_id: general.id, guild_id });
    await waitFor(() => h.engine.of('ingest').length === 5 && h.engine.calls.every((c) => c.doneAt));

    const question = h.fake.message({
      channel_id: general.id, guild_id, author: alice, content: `<@${h.fake.bot.id}> what about the falcon release?`,
      mentions: [h.fake.bot], member: h.world.member(alice),
    });
    h.fake.dispatch('MESSAGE_CREATE', question);
    const reply = (await firstPost(h, general.id)).body.content as string;
    expect(reply).toContain('March 10');
    expect(reply).not.toContain('March 3');
    expect(reply).not.toContain('hunter2');
    expect(reply).not.toContain('two million'); // #secret is not this channel
    expect(reply).toContain(`<https://discord.com/channels/${guild_id}/${general.id}/${launch.id}>`);

    const dm = (author: { id: string }) => {
      const m = h.fake.message({ channel_id: snowflake(), author, content: 'what is the falcon release budget?', channel_type: 1 });
      h.fake.dispatch('MESSAGE_CREATE', m);
      return m;
    };
    const aliceDm = dm(alice);
    const aliceReply = (await firstPost(h, aliceDm.channel_id)).body.content as string;
    expect(aliceReply).not.toContain('two million');
    expect(aliceReply).not.toContain('#secret');

    const bobDm = dm(bob);
    const bobReply = (await firstPost(h, bobDm.channel_id)).body.content as string;
    expect(bobReply).toContain('two million');
    expect(bobReply).toContain(`<https://discord.com/channels/${guild_id}/${secret.id}/`);
    expect(posted(h)).toHaveLength(3);
    expect(h.engine.of('ask')[1]![0].scope).not.toContain(guildChannelKey(guild_id, secret.id));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { snowflake } from '../fakes/fake-discord.js';
import { firstPost, posted, settle, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';
import { answer, ScriptedEngine } from './scripted-engine.js';

let h: DiscordHarness;
afterEach(() => h?.close());

/** A DM to the bot, as the gateway delivers it (no guild; `channel_type` 1 lets discord.js build the DM channel). */
function dm(h: DiscordHarness, author: { id: string }, content: string, channelId = snowflake()) {
  return h.fake.message({ channel_id: channelId, author, content, channel_type: 1 });
}

/** An engine that claims every channel it was given and a secret one it was not, citing both. */
function greedyEngine(h: () => DiscordHarness) {
  return (store: ConstructorParameters<typeof ScriptedEngine>[0]) =>
    new ScriptedEngine(store, {
      ask: (req) => {
        const secret = guildChannelKey(h().world.guild.id, h().world.channels.secret.id);
        const cite = (channel: string) => ({ channel, messageId: snowflake(), ts: Date.now(), excerpt: '' });
        return answer({ channelsUsed: [...req.scope, secret], citations: [...req.scope, secret].map(cite) });
      },
    });
}

describe('Discord DMs', () => {
  it('answers only from channels the asker can view now, and names only those', async () => {
    h = await startDiscordHarness({ engine: greedyEngine(() => h) });
    const { alice } = h.world.users;
    const { general, secret, forum, otherGeneral } = h.world.channels;
    const question = dm(h, alice, 'what is being discussed in #secret?');
    h.fake.dispatch('MESSAGE_CREATE', question);
    const post = await firstPost(h, question.channel_id);

    // Membership checked over REST at the time of asking, in every guild the bot is in.
    const lookups = h.fake.calls('GET', /^\/guilds\/\d+\/members\/\d+$/).map((r) => r.path);
    expect(lookups.sort()).toEqual([`/guilds/${h.world.guild.id}/members/${alice.id}`, `/guilds/${h.world.other.id}/members/${alice.id}`].sort());

    const [[request]] = h.engine.of('ask');
    const acme = (id: string) => guildChannelKey(h.world.guild.id, id);
    expect(request!.scope.sort()).toEqual([acme(general.id), acme(forum.id)].sort());
    expect(request!.scope).not.toContain(acme(secret.id));
    expect(request!.scope).not.toContain(guildChannelKey(h.world.other.id, otherGeneral.id));
    expect(request!.askedIn).toBe(`discord:@dm:${question.channel_id}`);

    const content: string = post.body.content;
    expect(post.body.message_reference).toMatchObject({ message_id: question.id });
    expect(content).toMatch(/Drawn from (#general in Acme, #ideas in Acme|#ideas in Acme, #general in Acme)\./);
    expect(content).not.toContain('#secret');
    expect(content).not.toContain(`/${secret.id}/`);
    expect(content).toContain(`/${general.id}/`);
  });

  it('includes a restricted channel for a member whose role may view it, and drops it when the role is gone', async () => {
    h = await startDiscordHarness();
    const { bob } = h.world.users;
    const secretKey = guildChannelKey(h.world.guild.id, h.world.channels.secret.id);
    const channel = snowflake();
    h.fake.dispatch('MESSAGE_CREATE', dm(h, bob, 'any news?', channel));
    await waitFor(() => posted(h, channel).length === 1);
    expect(h.engine.of('ask')[0]![0].scope).toContain(secretKey);

    // Bob loses the staff role; the next question is judged on Discord's answer now, not a cache.
    h.fake.members.set(`${h.world.guild.id}:${bob.id}`, h.world.member(bob, []));
    h.fake.dispatch('MESSAGE_CREATE', dm(h, bob, 'and now?', channel));
    await waitFor(() => posted(h, channel).length === 2);
    expect(h.engine.of('ask')[1]![0].scope).not.toContain(secretKey);
  });

  it('tells a user who shares no guild with the bot, without asking the engine', async () => {
    h = await startDiscordHarness();
    const question = dm(h, h.world.users.carol, 'hello?');
    h.fake.dispatch('MESSAGE_CREATE', question);
    const post = await firstPost(h, question.channel_id);
    expect(post.body.content).toMatch(/servers we share/);
    await settle(100);
    expect(h.engine.of('ask')).toEqual([]);
  });

  it('does not store DMs as channel history', async () => {
    h = await startDiscordHarness();
    const question = dm(h, h.world.users.alice, 'private question');
    h.fake.dispatch('MESSAGE_CREATE', question);
    await firstPost(h, question.channel_id);
    expect(h.engine.of('ingest')).toEqual([]);
  });
});

import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { snowflake, type Json } from '../fakes/fake-discord.js';
import { firstPost, offlineCore, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';
import { answer, EMPTY_STATS, ScriptedEngine } from './scripted-engine.js';

/**
 * What stays private on Discord (issue 9, points 6 and 7): answers in DMs fetch no link previews,
 * questions only the asker sees never reach a channel's passes, and /mull stats in a DM counts only
 * what the asker can read.
 */
let h: DiscordHarness;
afterEach(() => h?.close());

const LINK = 'See https://attacker.example/collect?q=the-secret-budget for details.';
const edits = (h: DiscordHarness, interaction: Json) =>
  h.fake.calls('PATCH', new RegExp(`^/webhooks/\\d+/${interaction.token}/messages/@original$`));
const dmChannel = (user: Json) => ({ id: snowflake(), type: 1, recipients: [user] });

describe('Discord privacy', () => {
  it('suppresses link embeds on answers in DMs (and only there), so a planted link fetches nothing', async () => {
    h = await startDiscordHarness({ engine: (s) => new ScriptedEngine(s, { ask: answer({ text: LINK }) }) });
    const { alice } = h.world.users;
    const { general } = h.world.channels;
    const guild_id = h.world.guild.id;

    const dm = h.fake.message({ channel_id: snowflake(), author: alice, content: 'what is the budget?', channel_type: 1 });
    h.fake.dispatch('MESSAGE_CREATE', dm);
    const dmReply = await firstPost(h, dm.channel_id);
    expect(dmReply.body.content).toContain('attacker.example');
    expect(dmReply.body.flags & MessageFlags.SuppressEmbeds).toBe(MessageFlags.SuppressEmbeds);

    const mention = h.fake.message({
      channel_id: general.id, guild_id, author: alice, content: `<@${h.fake.bot.id}> what is the budget?`,
      mentions: [h.fake.bot], member: h.world.member(alice),
    });
    h.fake.dispatch('MESSAGE_CREATE', mention);
    const channelReply = await firstPost(h, general.id);
    expect(channelReply.body.flags ?? 0).toBe(0);

    const ask = h.fake.interaction({
      name: 'mull', user: alice, channel: dmChannel(alice),
      options: [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'what is the budget?' }] }],
    });
    h.fake.dispatch('INTERACTION_CREATE', ask);
    const [edit] = await waitFor(() => edits(h, ask).length && edits(h, ask));
    expect(edit!.body.content).toContain('attacker.example');
    expect(edit!.body.flags & MessageFlags.SuppressEmbeds).toBe(MessageFlags.SuppressEmbeds);
  });

  it('marks DM questions and /mull ask as private; a mention is not', async () => {
    h = await startDiscordHarness();
    const { alice } = h.world.users;
    const { general } = h.world.channels;
    const guild_id = h.world.guild.id;
    const dm = h.fake.message({ channel_id: snowflake(), author: alice, content: 'who owns billing?', channel_type: 1 });
    h.fake.dispatch('MESSAGE_CREATE', dm);
    await firstPost(h, dm.channel_id);
    const ask = h.fake.interaction({
      name: 'mull', user: alice, guild_id, channel: { ...general, guild_id },
      options: [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'who owns billing?' }] }],
    });
    h.fake.dispatch('INTERACTION_CREATE', ask);
    await waitFor(() => edits(h, ask).length);
    const mention = h.fake.message({
      channel_id: general.id, guild_id, author: alice, content: `<@${h.fake.bot.id}> who owns billing?`,
      mentions: [h.fake.bot], member: h.world.member(alice),
    });
    h.fake.dispatch('MESSAGE_CREATE', mention);
    await firstPost(h, general.id);
    expect(h.engine.of('ask').map(([request]) => request.private ?? false)).toEqual([true, true, false]);
  });

  it('/mull stats in a DM asks for the channels the user can read, and shows no team-wide budget use', async () => {
    h = await startDiscordHarness({
      engine: (s) => new ScriptedEngine(s, { stats: { ...EMPTY_STATS, budget: { dailyLimit: 50_000, usedToday: 41_234, exhausted: false } } }),
    });
    const { alice } = h.world.users;
    const channel = dmChannel(alice);
    const stats = h.fake.interaction({ name: 'mull', user: alice, channel, options: [{ type: 1, name: 'stats' }] });
    h.fake.dispatch('INTERACTION_CREATE', stats);
    const [edit] = await waitFor(() => edits(h, stats).length && edits(h, stats));
    const acme = (id: string) => guildChannelKey(h.world.guild.id, id);
    const [[target]] = h.engine.of('stats');
    expect(typeof target).toBe('object');
    const scope = (target as { scope: string[] }).scope;
    expect(scope).toContain(acme(h.world.channels.general.id));
    expect(scope).toContain(`discord:@dm:${channel.id}`);
    expect(scope).not.toContain(acme(h.world.channels.secret.id));
    expect(edit!.body.content).not.toContain('41,234');
  });

  it('on the real engine: private questions are never logged for a pass, and DM stats count only readable channels', async () => {
    let core!: Awaited<ReturnType<typeof offlineCore>>;
    h = await startDiscordHarness({ core: async () => (core = await offlineCore()) });
    const { store } = core;
    const { alice, bob } = h.world.users;
    const { general, secret } = h.world.channels;
    const guild_id = h.world.guild.id;
    const generalKey = guildChannelKey(guild_id, general.id);
    const say = (channel_id: string, author: { id: string }, content: string, mentions: Json[] = []) => {
      const m = h.fake.message({ channel_id, guild_id, author, content, mentions, member: h.world.member(author) });
      h.fake.dispatch('MESSAGE_CREATE', m);
      return m;
    };
    say(general.id, bob, 'Billing is owned by dana since May.');
    say(secret.id, bob, 'The acquisition budget is two million.');
    await waitFor(() => h.engine.of('ingest').length === 2 && h.engine.calls.every((c) => c.doneAt));

    // Private: a DM and an ephemeral /mull ask in #general.
    const dm = h.fake.message({ channel_id: snowflake(), author: alice, content: 'who owns billing, privately?', channel_type: 1 });
    h.fake.dispatch('MESSAGE_CREATE', dm);
    await firstPost(h, dm.channel_id);
    const ask = h.fake.interaction({
      name: 'mull', user: alice, guild_id, channel: { ...general, guild_id },
      options: [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'who owns billing, ephemerally?' }] }],
    });
    h.fake.dispatch('INTERACTION_CREATE', ask);
    await waitFor(() => edits(h, ask).length);
    // Public: a mention in #general, and two in #secret that Alice cannot read.
    say(general.id, alice, `<@${h.fake.bot.id}> who owns billing, publicly?`, [h.fake.bot]);
    await firstPost(h, general.id);
    say(secret.id, bob, `<@${h.fake.bot.id}> what is the acquisition budget?`, [h.fake.bot]);
    say(secret.id, bob, `<@${h.fake.bot.id}> and who approved it?`, [h.fake.bot]);
    await waitFor(() => h.engine.of('ask').length === 5 && h.engine.calls.every((c) => c.doneAt));

    const logged = (await store.listQuestions(generalKey, 0)).map((q) => q.text);
    expect(logged).toEqual(['who owns billing, publicly?']);
    expect(await store.listQuestions(`discord:@dm:${dm.channel_id}`, 0)).toEqual([]);

    const stats = h.fake.interaction({ name: 'mull', user: alice, channel: { id: dm.channel_id, type: 1, recipients: [alice] }, options: [{ type: 1, name: 'stats' }] });
    h.fake.dispatch('INTERACTION_CREATE', stats);
    const [edit] = await waitFor(() => edits(h, stats).length && edits(h, stats));
    const text = String(edit!.body.content);
    // #general: the ephemeral ask and the mention; the DM: its answer. #secret's two are not hers.
    expect(text).toMatch(/Answers: 0 thought out in advance, 0 prepared and checked, 3 worked out on the spot/);
    expect(text).not.toContain('#secret');
  });
});

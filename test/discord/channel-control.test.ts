import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import type { Store } from '../../src/store/store.js';
import type { Json } from '../fakes/fake-discord.js';
import { offlineCore, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';

/**
 * `/mull settings` and `/mull forget` (Manage Channels), and removal from a channel, through the
 * real discord.js against the fake Discord, on the real engine (offline).
 */
let h: DiscordHarness | undefined;
let store: Store | undefined;
afterEach(async () => {
  await h?.close();
  h = store = undefined;
});

const MANAGE = String(PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ViewChannel);
const VIEW = String(PermissionFlagsBits.ViewChannel);

async function start(): Promise<DiscordHarness> {
  return startDiscordHarness({
    core: async () => {
      const core = await offlineCore();
      store = core.store;
      return core;
    },
  });
}

const general = (x: DiscordHarness) => ({ ...x.world.channels.general, guild_id: x.world.guild.id });
const generalKey = (x: DiscordHarness) => guildChannelKey(x.world.guild.id, x.world.channels.general.id);
const callbacks = (x: DiscordHarness, interaction: Json) => x.fake.calls('POST', new RegExp(`^/interactions/${interaction.id}/[^/]+/callback$`));
const edits = (x: DiscordHarness, interaction: Json) => x.fake.calls('PATCH', new RegExp(`^/webhooks/\\d+/${interaction.token}/messages/@original$`));

function settings(x: DiscordHarness, options: object[], permissions: string) {
  const interaction = x.fake.interaction({
    name: 'mull', user: x.world.users.alice, guild_id: x.world.guild.id, channel: general(x), permissions,
    options: [{ type: 1, name: 'settings', options }],
  });
  x.fake.dispatch('INTERACTION_CREATE', interaction);
  return interaction;
}

describe('Discord /mull settings', () => {
  it('shows them to anyone; changes need Manage Channels in the channel', async () => {
    h = await start();
    const x = h;
    const refused = settings(x, [{ type: 5, name: 'passes', value: false }], VIEW);
    const [reply] = await waitFor(() => callbacks(x, refused).length && callbacks(x, refused));
    expect(reply!.body).toMatchObject({ type: 4, data: { content: 'Only members with **Manage Channels** here can change how Mull works in this channel.', flags: 64 } });
    expect((await x.engine.channelSettings(generalKey(x))).passes).toBe(true);

    const changed = settings(x, [{ type: 5, name: 'passes', value: false }, { type: 3, name: 'answers', value: 'asker' }], MANAGE);
    const [edit] = await waitFor(() => edits(x, changed).length && edits(x, changed));
    expect(edit!.body.content).toContain('- Sleep passes: **paused**');
    expect(edit!.body.content).toContain('- Answers: **sent to the asker by DM**');
    expect(await x.engine.channelSettings(generalKey(x))).toEqual({ passes: false, effort: null, answers: 'asker', threadFollowUps: false });

    const shown = settings(x, [], VIEW);
    const [view] = await waitFor(() => edits(x, shown).length && edits(x, shown));
    expect(view!.body.content).toContain('**Mull in #general**:');
  });
});

describe('Discord answers only the asker sees', () => {
  it('a mention is answered by DM to the asker, nothing in the channel', async () => {
    h = await start();
    const x = h;
    await x.engine.updateChannelSettings(generalKey(x), { answers: 'asker' });
    const mention = x.fake.message({
      channel_id: x.world.channels.general.id, guild_id: x.world.guild.id, author: x.world.users.alice,
      content: `<@${x.fake.bot.id}> where is the venue?`, mentions: [x.fake.bot],
    });
    x.fake.dispatch('MESSAGE_CREATE', mention);
    const dmId = await waitFor(() => x.fake.dmChannels.get(x.world.users.alice.id));
    const [sent] = await waitFor(() => x.fake.calls('POST', new RegExp(`^/channels/${dmId}/messages$`)).length && x.fake.calls('POST', new RegExp(`^/channels/${dmId}/messages$`)));
    expect(sent!.body.flags & 4).toBe(4); // SuppressEmbeds
    expect(x.fake.calls('POST', new RegExp(`^/channels/${x.world.channels.general.id}/messages$`))).toHaveLength(0);
  });
});

describe('Discord /mull forget', () => {
  it('asks first with buttons; confirming (with Manage Channels) drops the stored history', async () => {
    h = await start();
    const x = h;
    x.fake.dispatch('MESSAGE_CREATE', x.fake.message({ channel_id: x.world.channels.general.id, guild_id: x.world.guild.id, author: x.world.users.bob, content: 'The venue is Hall B.' }));
    await waitFor(() => x.engine.calls.some((c) => c.method === 'ingest' && c.doneAt));

    const ask = x.fake.interaction({ name: 'mull', user: x.world.users.alice, guild_id: x.world.guild.id, channel: general(x), permissions: MANAGE, options: [{ type: 1, name: 'forget' }] });
    x.fake.dispatch('INTERACTION_CREATE', ask);
    const [confirm] = await waitFor(() => callbacks(x, ask).length && callbacks(x, ask));
    expect(confirm!.body.data.content).toContain('Forget #general?');
    const ids = confirm!.body.data.components[0].components.map((b: Json) => b.custom_id);
    expect(ids).toEqual([`mull_forget:confirm:${x.world.channels.general.id}`, `mull_forget:refill:${x.world.channels.general.id}`, `mull_forget:cancel:${x.world.channels.general.id}`]);
    expect(await store!.countMessages(generalKey(x))).toBe(1);

    const sneaky = x.fake.buttonClick({ customId: ids[0], user: x.world.users.bob, guild_id: x.world.guild.id, channel: general(x), permissions: VIEW });
    x.fake.dispatch('INTERACTION_CREATE', sneaky);
    const [refused] = await waitFor(() => callbacks(x, sneaky).length && callbacks(x, sneaky));
    expect(refused!.body).toMatchObject({ type: 7, data: { content: 'Only members with **Manage Channels** here can change how Mull works in this channel.' } });
    expect(await store!.countMessages(generalKey(x))).toBe(1);

    const click = x.fake.buttonClick({ customId: ids[0], user: x.world.users.alice, guild_id: x.world.guild.id, channel: general(x), permissions: MANAGE });
    x.fake.dispatch('INTERACTION_CREATE', click);
    const [done] = await waitFor(() => edits(x, click).length && edits(x, click));
    expect(done!.body.content).toContain('Forgot <#');
    expect(done!.body.content).toContain('1 stored messages');
    expect(await store!.countMessages(generalKey(x))).toBe(0);
  });
});

describe('Discord removal', () => {
  it('removed from the server: passes stop in its channels', async () => {
    h = await start();
    const x = h;
    x.fake.dispatch('GUILD_DELETE', { id: x.world.guild.id });
    await waitFor(() => x.engine.of('channelRemoved').length >= 3 && x.engine.of('channelRemoved'));
    expect(x.engine.of('channelRemoved').map(([key]) => key)).toContain(generalKey(x));
    expect(await x.engine.rethink(generalKey(x))).toMatchObject({ status: 'skipped', reason: 'Mull was removed from this channel' });
  });
});

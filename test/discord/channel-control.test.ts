import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import type { Store } from '../../src/store/store.js';
import type { Json } from '../fakes/fake-discord.js';
import { offlineCore, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';
import { answer, ScriptedEngine } from './scripted-engine.js';

/**
 * Issue 13 on Discord, through the real discord.js against the fake Discord: `/mull settings` and
 * `/mull forget` (Manage Channels) and removal on the real engine (offline); forwarded messages;
 * long answers streamed by editing a reply; feedback buttons and the 👎 reason modal.
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

describe('Discord forwarded messages', () => {
  it('a forward (message snapshot) is stored with the forwarded content, as the channel sees it', async () => {
    h = await start();
    const x = h;
    const original = { channel_id: x.world.channels.secret.id, guild_id: x.world.guild.id, message_id: '1300000000000000001', type: 1 };
    const forward = x.fake.message({
      channel_id: x.world.channels.general.id, guild_id: x.world.guild.id, author: x.world.users.bob, content: '',
      message_reference: original,
      message_snapshots: [{ message: { type: 0, content: 'The venue moved to Hall C.', embeds: [], attachments: [], timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, mentions: [], mention_roles: [] } }],
    });
    x.fake.dispatch('MESSAGE_CREATE', forward);
    await waitFor(() => x.engine.calls.some((c) => c.method === 'ingest' && c.doneAt));
    const stored = await store!.getMessage(generalKey(x), forward.id);
    expect(stored?.text).toBe('[forwarded] The venue moved to Hall C.');
  });
});

describe('Discord streaming and feedback', () => {
  it('a long answer streams by editing one reply at most once a second, then settles into messages under 2,000 characters', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i}: the launch plan covers venue, travel and printing in detail.`).join('\n\n');
    h = await startDiscordHarness({
      engine: (s) => new ScriptedEngine(s, {
        ask: async (req) => {
          // As the real engine does on the warm and cold paths: the text so far, while it is written.
          for (let i = 1; i <= 10; i++) {
            req.onPartial?.(long.slice(0, Math.floor((long.length * i) / 10)));
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
          return answer({ text: long });
        },
      }),
    });
    const x = h;
    const general = x.world.channels.general.id;
    x.fake.dispatch('MESSAGE_CREATE', x.fake.message({
      channel_id: general, guild_id: x.world.guild.id, author: x.world.users.alice, content: `<@${x.fake.bot.id}> the plan?`, mentions: [x.fake.bot],
    }));
    const sent = () => x.fake.calls('POST', new RegExp(`^/channels/${general}/messages$`));
    await waitFor(() => sent().length >= 3 && sent(), 10_000);
    const [progress, ...rest] = sent();
    const edits = x.fake.calls('PATCH', new RegExp(`^/channels/${general}/messages/${'\\d+'}$`));
    expect(String(progress!.body.content).endsWith(' …')).toBe(true); // shown while written
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const progressEdits = edits.slice(0, -1);
    for (let i = 1; i < progressEdits.length; i++) expect(progressEdits[i]!.at - progressEdits[i - 1]!.at).toBeGreaterThanOrEqual(900);
    const settled = [String(edits.at(-1)!.body.content), ...rest.map((r) => String(r.body.content))];
    for (const part of settled) expect(part.length).toBeLessThanOrEqual(2_000);
    expect(settled.join('\n')).toContain('Paragraph 59');
    expect(rest.at(-1)!.body.components[0].components.map((b: Json) => b.custom_id)).toEqual(['mull_fb:up', 'mull_fb:down']);
  });

  it('a 👎 opens a modal; its reason reaches the engine with the question and answer it judged', async () => {
    const prepared = { channel: 'discord:G1:Cprepared', questionId: 'q7' };
    h = await startDiscordHarness({ engine: (s) => new ScriptedEngine(s, { ask: answer({ path: 'cached', prepared }) }) });
    const x = h;
    const general = x.world.channels.general.id;
    x.fake.dispatch('MESSAGE_CREATE', x.fake.message({
      channel_id: general, guild_id: x.world.guild.id, author: x.world.users.alice, content: `<@${x.fake.bot.id}> when is the launch?`, mentions: [x.fake.bot],
    }));
    // The answer's message is remembered for feedback under the id Discord gave it.
    const messageId = await waitFor(() => [...x.store.state.keys()].find((k) => k.startsWith('discord:answer:'))?.slice('discord:answer:'.length));
    const [reply] = x.fake.calls('POST', new RegExp(`^/channels/${general}/messages$`));
    expect(reply!.body.components[0].components.map((b: Json) => b.custom_id)).toEqual(['mull_fb:up', 'mull_fb:down']);
    const click = x.fake.buttonClick({ customId: 'mull_fb:down', user: x.world.users.bob, guild_id: x.world.guild.id, channel: { ...x.world.channels.general, guild_id: x.world.guild.id }, message: x.fake.message({ id: messageId, channel_id: general, guild_id: x.world.guild.id, author: x.fake.bot, content: 'answer' }) });
    x.fake.dispatch('INTERACTION_CREATE', click);
    const [modal] = await waitFor(() => x.fake.calls('POST', new RegExp(`^/interactions/${click.id}/`)).length && x.fake.calls('POST', new RegExp(`^/interactions/${click.id}/`)));
    expect(modal!.body).toMatchObject({ type: 9, data: { custom_id: `mull_fb_reason:${messageId}` } });
    const key = generalKey(x);
    await waitFor(() => x.engine.of('recordFeedback').length > 0);
    expect(x.engine.of('recordFeedback')).toEqual([[key, 'down']]);

    const submit = x.fake.modalSubmit({ customId: `mull_fb_reason:${messageId}`, user: x.world.users.bob, guild_id: x.world.guild.id, channel: { ...x.world.channels.general, guild_id: x.world.guild.id }, values: { reason: 'It moved to March 14.' } });
    x.fake.dispatch('INTERACTION_CREATE', submit);
    const [reason] = await waitFor(() => x.engine.of('recordFeedbackReason').length && x.engine.of('recordFeedbackReason'));
    expect(reason![0]).toMatchObject({ channel: key, question: 'when is the launch?', answer: 'The launch is on March 3.', reason: 'It moved to March 14.', answerId: messageId, user: x.world.users.bob.id, prepared });
  });
});

describe('Discord thread follow-ups', () => {
  it('in a thread Mull was mentioned in, a later question is answered without a mention only when the channel allows it', async () => {
    h = await startDiscordHarness();
    const x = h;
    const thread = x.world.channels.thread;
    const say = (content: string, mentions: Json[] = []) =>
      x.fake.dispatch('MESSAGE_CREATE', x.fake.message({ channel_id: thread.id, guild_id: x.world.guild.id, author: x.world.users.alice, content, mentions }));
    say(`<@${x.fake.bot.id}> when is the launch?`, [x.fake.bot]);
    await waitFor(() => x.engine.of('ask').length === 1);
    say('and who books the venue?');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(x.engine.of('ask')).toHaveLength(1); // off by default
    await x.engine.updateChannelSettings(generalKey(x), { threadFollowUps: true });
    say('and who books the venue?');
    await waitFor(() => x.engine.of('ask').length === 2);
    expect(x.engine.of('ask')[1]![0]).toMatchObject({ askedIn: generalKey(x), question: 'and who books the venue?' });
    say('thanks, great');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(x.engine.of('ask')).toHaveLength(2);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { ErrorCode, MullError } from '../../src/core/errors.js';
import { snowflake, type Json } from '../fakes/fake-discord.js';
import { offlineCore, settle, startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';
import { answer, EMPTY_STATS, passReport, ScriptedEngine } from './scripted-engine.js';

let h: DiscordHarness;
afterEach(() => h?.close());

const EPHEMERAL = 64;
const callbacks = (h: DiscordHarness, interaction: Json) =>
  h.fake.calls('POST', new RegExp(`^/interactions/${interaction.id}/[^/]+/callback$`));
const edits = (h: DiscordHarness, interaction: Json) =>
  h.fake.calls('PATCH', new RegExp(`^/webhooks/\\d+/${interaction.token}/messages/@original$`));

function inChannel(h: DiscordHarness, name: string, options: object[] = [], user = h.world.users.alice) {
  return h.fake.interaction({ name, options, user, guild_id: h.world.guild.id, channel: { ...h.world.channels.general, guild_id: h.world.guild.id } });
}

describe('Discord slash commands', () => {
  it('/rethink defers within 3 s, then edits the reply with what changed once the slow pass ends', async () => {
    const PASS_MS = 3_500;
    h = await startDiscordHarness({
      engine: (store) => new ScriptedEngine(store, { rethink: async ({ channel }) => (await sleep(PASS_MS), passReport(channel)) }),
    });
    const interaction = inChannel(h, 'rethink', [{ type: 3, name: 'topic', value: 'the launch' }]);
    const sentAt = Date.now();
    h.fake.dispatch('INTERACTION_CREATE', interaction);

    const [deferral] = await waitFor(() => callbacks(h, interaction).length && callbacks(h, interaction));
    expect(deferral!.body).toMatchObject({ type: 5 });
    expect(deferral!.body.data?.flags ?? 0).toBe(0); // the channel sees the result
    expect(deferral!.at - sentAt).toBeLessThan(3_000);

    const [edit] = await waitFor(() => edits(h, interaction).length && edits(h, interaction), 10_000);
    const [call] = h.engine.calls.filter((c) => c.method === 'rethink');
    expect(call!.args).toEqual([guildChannelKey(h.world.guild.id, h.world.channels.general.id), { topic: 'the launch', onDemand: true, asker: h.world.users.alice.id }]);
    expect(deferral!.at).toBeLessThan(call!.doneAt!);
    expect(edit!.at).toBeGreaterThanOrEqual(call!.doneAt!);
    expect(edit!.body.content).toContain('**Rethought #general** (about “the launch”)');
    expect(edit!.body.content).toContain('- Launch moved to March 3');
    expect(callbacks(h, interaction)).toHaveLength(1);
  });

  it('/rethink outliving the interaction token says so, then posts the report in the channel', async () => {
    h = await startDiscordHarness({
      options: { interactionReplyMs: 200 },
      engine: (store) => new ScriptedEngine(store, { rethink: async ({ channel }) => (await sleep(600), passReport(channel)) }),
    });
    const interaction = inChannel(h, 'rethink');
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const [edit] = await waitFor(() => edits(h, interaction).length && edits(h, interaction));
    expect(edit!.body.content).toContain('Still thinking about #general');
    const general = h.world.channels.general.id;
    const [post] = await waitFor(() => {
      const posts = h.fake.calls('POST', new RegExp(`^/channels/${general}/messages$`));
      return posts.length && posts;
    });
    expect(post!.body.content).toContain('**Rethought #general**');
    expect(edits(h, interaction)).toHaveLength(1);
  });

  it('/rethink reports a skipped pass and an engine failure in the edited reply', async () => {
    let calls = 0;
    h = await startDiscordHarness({
      engine: (store) => new ScriptedEngine(store, {
        rethink: ({ channel }) => {
          if (calls++ === 0) return passReport(channel, { status: 'skipped', reason: 'nothing new since the last pass' });
          throw new MullError(ErrorCode.PassFailed, 'model timed out');
        },
      }),
    });
    const first = inChannel(h, 'rethink');
    h.fake.dispatch('INTERACTION_CREATE', first);
    const [skipped] = await waitFor(() => edits(h, first).length && edits(h, first));
    expect(skipped!.body.content).toBe('Nothing new in #general since the last pass, so no pass ran (and no tokens were spent). Give `/rethink` a topic to think one over anyway.');

    const second = inChannel(h, 'rethink');
    h.fake.dispatch('INTERACTION_CREATE', second);
    const [failed] = await waitFor(() => edits(h, second).length && edits(h, second));
    expect(failed!.body.content).toBe('Rethinking #general failed (mull_pass_failed). Nothing was changed.');
  });

  it('/rethink on the real engine keeps the cooldowns: the next person in the channel is told when to try again', async () => {
    h = await startDiscordHarness({ core: offlineCore });
    const { alice, bob } = h.world.users;
    const { general } = h.world.channels;
    const say = (content: string) => {
      h.fake.dispatch('MESSAGE_CREATE', h.fake.message({ channel_id: general.id, guild_id: h.world.guild.id, author: bob, content, member: h.world.member(bob) }));
      return waitFor(() => h.engine.calls.filter((c) => c.method === 'ingest' && c.doneAt).length);
    };
    const rethink = async (user: typeof alice) => {
      const interaction = inChannel(h, 'rethink', [], user);
      h.fake.dispatch('INTERACTION_CREATE', interaction);
      const [edit] = await waitFor(() => edits(h, interaction).length && edits(h, interaction));
      return String(edit!.body.content);
    };
    await say('Who owns billing now?');
    expect(await rethink(alice)).toContain('**Rethought #general**');
    await say('Billing moved to the finance team.');
    expect(await rethink(bob)).toBe(
      '#general was rethought on request a short while ago; the next one can run in 30 minutes. New messages still get a pass when the channel goes quiet, and nightly.',
    );
    expect(h.engine.of('rethink').map(([, options]) => options)).toEqual([
      { topic: undefined, onDemand: true, asker: alice.id },
      { topic: undefined, onDemand: true, asker: bob.id },
    ]);
  });

  it('/mull ask answers ephemerally from this channel', async () => {
    h = await startDiscordHarness();
    const interaction = inChannel(h, 'mull', [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'when is the launch?' }] }]);
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const [edit] = await waitFor(() => edits(h, interaction).length && edits(h, interaction));
    expect(callbacks(h, interaction)[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const key = guildChannelKey(h.world.guild.id, h.world.channels.general.id);
    expect(h.engine.of('ask')[0]![0]).toMatchObject({ asker: h.world.users.alice.id, askedIn: key, scope: [key], question: 'when is the launch?' });
    expect(edit!.body.content).toContain('The launch is on March 3.');
  });

  it('/mull ask in a DM draws on the channels the user can view', async () => {
    h = await startDiscordHarness({ engine: (store) => new ScriptedEngine(store, { ask: (req) => answer({ channelsUsed: req.scope }) }) });
    const user = h.world.users.alice;
    const interaction = h.fake.interaction({
      name: 'mull', user, channel: { id: snowflake(), type: 1, recipients: [user] },
      options: [{ type: 1, name: 'ask', options: [{ type: 3, name: 'question', value: 'what is new?' }] }],
    });
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    const [edit] = await waitFor(() => edits(h, interaction).length && edits(h, interaction));
    const scope = h.engine.of('ask')[0]![0].scope;
    expect(scope).toContain(guildChannelKey(h.world.guild.id, h.world.channels.general.id));
    expect(scope).not.toContain(guildChannelKey(h.world.guild.id, h.world.channels.secret.id));
    expect(edit!.body.content).toContain('#general in Acme');
  });

  it('/mull help and /mull stats answer only the person asking', async () => {
    h = await startDiscordHarness({
      engine: (store) => new ScriptedEngine(store, {
        stats: (channel) => ({ ...EMPTY_STATS, channels: [{ channel: channel as string, name: 'general', messages: 1234, anticipated: 5, notes: 12 }] }),
      }),
    });
    const help = inChannel(h, 'mull', [{ type: 1, name: 'help' }]);
    h.fake.dispatch('INTERACTION_CREATE', help);
    const [helpReply] = await waitFor(() => callbacks(h, help).length && callbacks(h, help));
    expect(helpReply!.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(helpReply!.body.data.content).toContain('/rethink');

    const stats = inChannel(h, 'mull', [{ type: 1, name: 'stats' }]);
    h.fake.dispatch('INTERACTION_CREATE', stats);
    const [statsEdit] = await waitFor(() => edits(h, stats).length && edits(h, stats));
    expect(callbacks(h, stats)[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(statsEdit!.body.content).toContain('#general: 1,234 messages, 12 notes, 5 anticipated questions, no pass yet');
  });

  it('acknowledges within 3 s however slow the store is: nothing is written before deferReply', async () => {
    const STORE_MS = 3_500;
    h = await startDiscordHarness({
      before: (_fake, _world, store) => {
        const setIfAbsent = store.setIfAbsent.bind(store);
        store.setIfAbsent = async (...args) => (await sleep(STORE_MS), setIfAbsent(...args));
        const setState = store.setState.bind(store);
        store.setState = async (...args) => (await sleep(STORE_MS), setState(...args));
      },
    });
    const rethink = inChannel(h, 'rethink');
    const stats = inChannel(h, 'mull', [{ type: 1, name: 'stats' }]);
    const sentAt = Date.now();
    h.fake.dispatch('INTERACTION_CREATE', rethink);
    h.fake.dispatch('INTERACTION_CREATE', stats);
    const [deferred] = await waitFor(() => callbacks(h, rethink).length && callbacks(h, rethink), 10_000);
    const [deferredStats] = await waitFor(() => callbacks(h, stats).length && callbacks(h, stats), 10_000);
    expect(deferred!.body).toMatchObject({ type: 5 });
    expect(deferred!.at - sentAt).toBeLessThan(2_000);
    expect(deferredStats!.at - sentAt).toBeLessThan(2_000);
  });

  it('handles a replayed interaction once', async () => {
    h = await startDiscordHarness();
    const help = inChannel(h, 'mull', [{ type: 1, name: 'help' }]);
    h.fake.dispatch('INTERACTION_CREATE', help);
    h.fake.dispatch('INTERACTION_CREATE', help);
    await waitFor(() => callbacks(h, help).length);
    await settle();
    expect(callbacks(h, help)).toHaveLength(1);
  });
});

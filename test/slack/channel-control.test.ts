import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, startOfflineHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, buttonClick, eventCallback, membership, message, slashCommand, TEAM } from './payloads.js';
import type { RunningEngine } from '../../src/engine/create-engine.js';

/**
 * `/mull settings`, `/mull forget` and Mull's removal from a channel, through the real Bolt app
 * over HTTP against the fake Slack, on the real engine (offline) unless a test says otherwise.
 */
const GENERAL = `slack:${TEAM}:CGENERAL`;
let h: Harness<RunningEngine> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Alice is a member; Bob created #general; Olga is a workspace owner. */
async function start(): Promise<Harness<RunningEngine>> {
  const harness = await startOfflineHarness();
  harness.fake.channels.get('CGENERAL')!.creator = 'UBOB';
  harness.fake.addUser('UOLGA', 'olga', false, { is_owner: true });
  return harness;
}

async function mull(harness: Harness<RunningEngine>, user: string, text: string, id: string): Promise<string> {
  await harness.command(slashCommand({ command: '/mull', text, channel: 'CGENERAL', user, responseUrl: harness.fake.responseUrl(id) }));
  return String((await harness.fake.waitFor(() => harness.fake.responses.find((r) => r.id === id))).body.text);
}

describe('/mull settings', () => {
  it('anyone sees them; only the creator, admins and owners change them; a bad value says what is valid', async () => {
    h = await start();
    expect(await mull(h, 'UALICE', 'settings', 's1')).toContain('• Sleep passes: *on*');
    expect(await mull(h, 'UALICE', 'settings passes off', 's2')).toBe(
      'Only this channel’s creator and workspace admins or owners can change how Mull works here.',
    );
    expect((await h.engine.channelSettings(GENERAL)).passes).toBe(true);

    const changed = await mull(h, 'UBOB', 'settings passes off', 's3');
    expect(changed).toContain('• Sleep passes: *paused*');
    expect(await mull(h, 'UOLGA', 'settings effort high', 's4')).toContain('• Sleep effort: *high*');
    expect(await mull(h, 'UOLGA', 'settings answers everyone', 's5')).toContain('“everyone” is not a value for answers.');
    expect(await h.engine.channelSettings(GENERAL)).toEqual({ passes: false, effort: 'high', answers: 'public', threadFollowUps: false });
    // And they show in /mull stats.
    expect(await mull(h, 'UALICE', 'stats', 's6')).toContain('• Sleep passes: *paused*');
  });

  it('passes off: /rethink runs no pass and says why', async () => {
    h = await start();
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing moved to the finance team.' })));
    await mull(h, 'UBOB', 'settings passes off', 'p1');
    await h.command(slashCommand({ command: '/rethink', text: '', channel: 'CGENERAL', user: 'UBOB', responseUrl: h.fake.responseUrl('r1') }));
    const report = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'r1'));
    expect(report.body.text).toBe('Nothing to rethink in <#CGENERAL>: passes are paused in this channel.');
    expect((await h.store.getLearned(GENERAL))?.version ?? 0).toBe(0);
  });

  it('answers only the asker sees: an ephemeral reply in the thread, nothing posted', async () => {
    h = await start();
    await h.engine.updateChannelSettings(GENERAL, { answers: 'asker' });
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> who owns billing?`, ts: '1700000001.000100' })));
    const ephemeral = await h.fake.waitFor(() => h!.fake.callsTo('chat.postEphemeral')[0]);
    expect(ephemeral.params).toMatchObject({ channel: 'CGENERAL', user: 'UALICE', thread_ts: '1700000001.000100' });
    expect(h.fake.posted('CGENERAL')).toHaveLength(0);
  });

  it('thread follow-ups: answered without a new mention only when turned on, only in a thread Mull answered in', async () => {
    const s = await startHarness();
    try {
      await s.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> who owns billing?`, ts: '1700000002.000100' })));
      const followUp = (ts: string, thread = '1700000002.000100') =>
        s.event(eventCallback(message({ channel: 'CGENERAL', user: 'UALICE', text: 'and who approves refunds?', ts, thread_ts: thread })));
      await followUp('1700000002.000200');
      expect(s.engine.asks).toHaveLength(1);
      await s.engine.updateChannelSettings(GENERAL, { threadFollowUps: true });
      await followUp('1700000002.000300');
      expect(s.engine.asks.map((a) => a.question)).toEqual(['who owns billing?', 'and who approves refunds?']);
      await followUp('1700000002.000400', '1700000099.000100'); // a thread Mull never answered in
      await s.event(eventCallback(message({ channel: 'CGENERAL', user: 'UALICE', text: 'thanks, great', ts: '1700000002.000500', thread_ts: '1700000002.000100' })));
      expect(s.engine.asks).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});

describe('/mull forget', () => {
  it('asks first; the confirmation drops history and learned context; old history stays out of a later backfill', async () => {
    h = await start();
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing moved to the finance team.', ts: '1700000003.000100' })));
    await h.engine.rethink(GENERAL);
    expect(await h.store.countMessages(GENERAL)).toBe(1);

    expect(await mull(h, 'UALICE', 'forget', 'f1')).toBe('Only this channel’s creator and workspace admins or owners can change how Mull works here.');
    await h.command(slashCommand({ command: '/mull', text: 'forget', channel: 'CGENERAL', user: 'UBOB', responseUrl: h.fake.responseUrl('f2') }));
    const confirm = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'f2'));
    expect(String(confirm.body.text)).toContain('Forget <#CGENERAL>?');
    expect(await h.store.countMessages(GENERAL)).toBe(1); // nothing yet

    // Alice clicking a confirmation (she could not have been shown one) is refused again.
    await h.interaction(buttonClick({ actionId: 'mull_forget_confirm', value: 'CGENERAL', channel: 'CGENERAL', messageTs: '1', user: 'UALICE', responseUrl: h.fake.responseUrl('f3') }));
    expect((await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'f3'))).body.text).toContain('Only this channel’s creator');
    expect(await h.store.countMessages(GENERAL)).toBe(1);

    await h.interaction(buttonClick({ actionId: 'mull_forget_confirm', value: 'CGENERAL', channel: 'CGENERAL', messageTs: '1', user: 'UBOB', responseUrl: h.fake.responseUrl('f4') }));
    const done = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'f4'));
    expect(done.body).toMatchObject({ replace_original: true });
    expect(String(done.body.text)).toContain('Forgot <#CGENERAL>: 1 stored messages');
    expect(await h.store.countMessages(GENERAL)).toBe(0);
    expect(await h.store.getLearned(GENERAL)).toMatchObject({ notes: [], questions: [], summary: '' });
    const channel = (await h.store.getChannel(GENERAL))!;
    expect(await h.engine.ingestHistory(channel, [{ id: '1700000003.000100', ts: 1700000003000, user: 'UBOB', text: 'Billing moved.' }])).toEqual({ added: 0 });
  });

  it('cancel forgets nothing', async () => {
    h = await start();
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing moved to the finance team.' })));
    await h.interaction(buttonClick({ actionId: 'mull_forget_cancel', value: 'CGENERAL', channel: 'CGENERAL', messageTs: '1', user: 'UBOB', responseUrl: h.fake.responseUrl('c1') }));
    expect((await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'c1'))).body.text).toBe('Nothing was forgotten.');
    expect(await h.store.countMessages(GENERAL)).toBe(1);
  });
});

describe('removed from a channel', () => {
  it('passes stop when Mull is removed; re-added, the purge is called off', async () => {
    h = await start();
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing moved to the finance team.' })));
    await h.event(eventCallback(membership({ joined: false, channel: 'CGENERAL', user: BOT_USER })));
    expect(await h.engine.rethink(GENERAL)).toMatchObject({ status: 'skipped', reason: 'Mull was removed from this channel' });
    expect((await h.engine.overview([GENERAL]))[0]!.removed).toBeDefined();

    await h.event(eventCallback(membership({ joined: true, channel: 'CGENERAL', user: BOT_USER })));
    expect((await h.engine.overview([GENERAL]))[0]!.removed).toBeUndefined();
    expect(await h.engine.rethink(GENERAL)).toMatchObject({ status: 'ok' });
  });

  it('a DM with Mull is answered but never stored as history', async () => {
    h = await start();
    await h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'my salary is 90k, who owns billing?' })));
    await h.fake.waitFor(() => h!.fake.posted('DALICE').length > 0);
    expect(await h.store.countMessages(`slack:${TEAM}:DALICE`)).toBe(0);
  });
});

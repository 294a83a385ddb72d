import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/create-engine.js';
import { startHarness, startOfflineHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, message, slashCommand, TEAM } from './payloads.js';

/**
 * What stays private on Slack (issue 9, points 6 and 7): no reply that carries an answer unfurls a
 * link, questions only the asker sees never reach a channel's passes, and /mull stats in a DM
 * counts only the conversations the asker is in.
 */
const GENERAL = `slack:${TEAM}:CGENERAL`;
const SECRET = `slack:${TEAM}:GSECRET`;
const DM = `slack:${TEAM}:DALICE`;
const LINK = 'See https://attacker.example/collect?q=the-secret-budget for details.';

let h: Harness | undefined;
let real: Harness<RunningEngine> | undefined;
afterEach(async () => {
  await h?.close();
  await real?.close();
  h = real = undefined;
});

const unfurlsOff = (params: Record<string, unknown>) => ({ links: String(params.unfurl_links), media: String(params.unfurl_media) });

describe('Slack privacy', () => {
  it('keeps unfurls off on every reply that carries an answer or a report: thread, DM, ephemeral /mull ask, /rethink', async () => {
    h = await startHarness();
    h.engine.answer = () => ({ text: LINK });
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> what is the budget?` })));
    await h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'what is the budget?' })));
    const posts = h.fake.posted();
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(unfurlsOff(post)).toEqual({ links: 'false', media: 'false' });

    await h.command(slashCommand({ command: '/mull', text: 'ask what is the budget?', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('ask') }));
    const ask = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'ask'));
    expect(String(ask.body.text)).toContain('attacker.example');
    expect(ask.body).toMatchObject({ unfurl_links: false, unfurl_media: false });

    h.engine.passReport = () => ({ highlights: [`Budget notes moved to ${LINK}`] });
    await h.command(slashCommand({ command: '/rethink', text: '', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('rethink') }));
    const report = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'rethink'));
    expect(report.body).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it('marks DM questions and /mull ask as private; a channel mention is not', async () => {
    h = await startHarness();
    await h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'who owns billing?' })));
    await h.command(slashCommand({ command: '/mull', text: 'ask who owns billing?', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('a') }));
    await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 'a'));
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> who owns billing?` })));
    expect(h.engine.asks.map((a) => a.private ?? false)).toEqual([true, true, false]);
  });

  it('/mull stats in a DM asks only for the conversations the asker is in, and shows no team-wide budget use', async () => {
    h = await startHarness();
    await h.command(slashCommand({ command: '/mull', text: 'stats', channel: 'DALICE', user: 'UALICE', responseUrl: h.fake.responseUrl('s') }));
    const stats = await h.fake.waitFor(() => h!.fake.responses.find((r) => r.id === 's'));
    expect(h.engine.statsTargets).toEqual([{ scope: [GENERAL, DM] }]);
    expect(String(stats.body.text)).toContain('conversations you are in');
  });

  it('on the real engine: private questions are never logged for a pass, and DM stats count only what the asker is in', async () => {
    const h = (real = await startOfflineHarness());
    const store = h.store;
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing is owned by dana since May.', ts: '1700000000.000100' })));
    await h.event(eventCallback(message({ channel: 'GSECRET', channel_type: 'group', user: 'UBOB', text: 'The acquisition budget is two million.', ts: '1700000000.000200' })));

    // Private: a DM, and an ephemeral /mull ask in #general.
    await h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'who owns billing, privately?' })));
    await h.command(slashCommand({ command: '/mull', text: 'ask who owns billing, ephemerally?', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('a') }));
    await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'a'));
    // Public: a mention in #general, and two in #secret-plans, which Alice is not in.
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> who owns billing, publicly?` })));
    await h.event(eventCallback(appMention({ channel: 'GSECRET', user: 'UBOB', text: `<@${BOT_USER}> what is the acquisition budget?` })));
    await h.event(eventCallback(appMention({ channel: 'GSECRET', user: 'UBOB', text: `<@${BOT_USER}> and who approved it?` })));

    expect((await store.listQuestions(GENERAL, 0)).map((q) => q.text)).toEqual(['who owns billing, publicly?']);
    expect(await store.listQuestions(DM, 0)).toEqual([]);
    expect(await store.listQuestions(SECRET, 0)).toHaveLength(2);

    await h.command(slashCommand({ command: '/mull', text: 'stats', channel: 'DALICE', user: 'UALICE', responseUrl: h.fake.responseUrl('s') }));
    const stats = String((await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 's'))).body.text);
    // Her DM answer, her ephemeral ask and her mention: 3. The store holds 5.
    expect(stats).toContain('· 3 offline');
    expect(stats).toContain('across the 2 conversations you are in');
  });
});

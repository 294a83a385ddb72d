import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, startOfflineHarness, type Harness } from './harness.js';
import { eventCallback, message, slashCommand, TEAM } from './payloads.js';

const GENERAL = `slack:${TEAM}:CGENERAL`;
let h: Harness;
afterEach(async () => h?.close());

describe('/rethink', () => {
  it('acks within 3 s with an ephemeral "thinking about #channel…" while the pass is slow, then reports through response_url', async () => {
    h = await startHarness();
    h.engine.rethinkDelayMs = 3_500;
    const responseUrl = h.fake.responseUrl('rethink-1');

    const sent = Date.now();
    const ack = await h.command(slashCommand({ command: '/rethink', text: 'launch plan', channel: 'CGENERAL', user: 'UALICE', responseUrl }));

    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(3_000);
    expect(ack.json).toEqual({ response_type: 'ephemeral', text: 'Thinking about <#CGENERAL> (launch plan)…' });
    expect(h.fake.responses).toHaveLength(0);

    const report = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'rethink-1'), 10_000);
    // The report came once the slow pass was over; the ack had not waited for it.
    expect(report.at - sent).toBeGreaterThanOrEqual(3_400);
    expect(h.engine.rethinks).toEqual([{ channel: GENERAL, topic: 'launch plan', onDemand: true, asker: 'UALICE' }]);
    expect(report.body.response_type).toBe('ephemeral');
    const text = String(report.body.text);
    expect(text).toContain('*Rethought <#CGENERAL>*: 2 new notes, 1 corrected, 0 dropped, 3 anticipated questions');
    expect(text).toContain('• Launch moved to *March 14*');
  });

  it('a pass that outlives response_url reports by chat.postEphemeral to the person who asked', async () => {
    h = await startHarness({ slack: { responseUrlLifetimeMs: 100 } });
    h.engine.rethinkDelayMs = 300;
    await h.command(slashCommand({ command: '/rethink', text: '', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('late') }));
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postEphemeral')[0], 5_000);
    expect(post.params).toMatchObject({ channel: 'CGENERAL', user: 'UALICE' });
    expect(String(post.params.text)).toContain('*Rethought <#CGENERAL>*');
    expect(h.fake.responses.filter((r) => r.id === 'late')).toHaveLength(0);
  });

  it('reports a skipped pass plainly', async () => {
    h = await startHarness();
    h.engine.passReport = () => ({ status: 'skipped', reason: 'nothing new since the last pass' });
    await h.command(slashCommand({ command: '/rethink', text: '', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('r2') }));
    const report = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'r2'));
    expect(report.body.text).toBe('Nothing new in <#CGENERAL> since the last pass, so no pass ran (and no tokens were spent). Give `/rethink` a topic to think one over anyway.');
  });
});

describe('/rethink on the real engine', () => {
  it('runs one pass per cooldown: the next person is told when, nothing new is said plainly, the asker\'s own cooldown holds elsewhere', async () => {
    const real = await startOfflineHarness();
    try {
      const rethink = async (user: string, channel: string, id: string, text = '') => {
        await real.command(slashCommand({ command: '/rethink', text, channel, user, responseUrl: real.fake.responseUrl(id) }));
        return String((await real.fake.waitFor(() => real.fake.responses.find((r) => r.id === id))).body.text);
      };
      await real.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Who owns billing now?', ts: '1700000000.000100' })));
      expect(await rethink('UALICE', 'CGENERAL', 'r1')).toContain('*Rethought <#CGENERAL>*');
      expect(await rethink('UALICE', 'CGENERAL', 'r2')).toBe(
        'Nothing new in <#CGENERAL> since the last pass, so no pass ran (and no tokens were spent). Give `/rethink` a topic to think one over anyway.',
      );
      await real.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing moved to the finance team.', ts: '1700000000.000200' })));
      expect(await rethink('UBOB', 'CGENERAL', 'r3')).toBe(
        '<#CGENERAL> was rethought on request a short while ago; the next one can run in 30 minutes. New messages still get a pass when the channel goes quiet, and nightly.',
      );
      await real.event(eventCallback(message({ channel: 'GSECRET', channel_type: 'group', user: 'UBOB', text: 'Quarterly numbers are in.', ts: '1700000000.000300' })));
      expect(await rethink('UALICE', 'GSECRET', 'r4', 'numbers')).toContain('You asked for a pass a short while ago; you can ask again in 10 minutes.');
      expect(await rethink('UBOB', 'GSECRET', 'r5')).toContain('*Rethought <#GSECRET>*');
    } finally {
      await real.close();
    }
  });
});

describe('/mull', () => {
  it('help answers in the ack itself', async () => {
    h = await startHarness();
    const ack = await h.command(slashCommand({ command: '/mull', text: 'help', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('m1') }));
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.json)).toContain('/rethink [topic]');
  });

  it('stats shows the channel figures and feedback', async () => {
    h = await startHarness();
    await h.command(slashCommand({ command: '/mull', text: 'stats', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('m2') }));
    const stats = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'm2'));
    expect(stats.body.text).toContain('120 messages · 7 notes · 3 anticipated questions');
    expect(stats.body.text).toContain('Feedback: 👍 0 · 👎 0');
  });

  it('ask answers ephemerally from this channel only', async () => {
    h = await startHarness();
    const ack = await h.command(slashCommand({ command: '/mull', text: 'ask who owns billing?', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('m3') }));
    expect(ack.json).toEqual({ response_type: 'ephemeral', text: 'Thinking…' });
    const answer = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 'm3'));
    expect(h.engine.asks[0]).toMatchObject({ askedIn: GENERAL, scope: [GENERAL], question: 'who owns billing?' });
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'Answer to: who owns billing?' });
    expect(h.fake.posted()).toHaveLength(0);
  });
});

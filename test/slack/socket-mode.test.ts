import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, slashCommand, TEAM } from './payloads.js';

let h: Harness;
afterEach(async () => h?.close());

describe('Socket Mode', () => {
  it('connects through apps.connections.open on the configured API URL, acks envelopes and answers once', async () => {
    h = await startHarness({ mode: 'socket' });
    expect(h.slack.url).toBeUndefined();
    const [open] = h.fake.callsTo('apps.connections.open');
    expect(open.token).toBe(h.fake.appToken);

    const mention = appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> over the socket?` });
    const payload = eventCallback(mention, 'EvSOCKET');
    const ack = await h.fake.sendEnvelope('events_api', payload);
    expect(ack.envelope_id).toBeTruthy();
    await h.fake.waitFor(() => h.fake.posted('CGENERAL').length === 1);
    expect(h.fake.posted('CGENERAL')[0]).toMatchObject({ thread_ts: mention.ts, text: 'Answer to: over the socket?' });

    // Slack redelivers with retry_attempt when it thinks the ack was late: acked, not answered again.
    await h.fake.sendEnvelope('events_api', payload, { retryAttempt: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.fake.posted('CGENERAL')).toHaveLength(1);
    expect(h.engine.asks).toHaveLength(1);
  });

  it('acks a slash command with its ephemeral text in the envelope ack', async () => {
    h = await startHarness({ mode: 'socket' });
    const fields = slashCommand({ command: '/rethink', text: '', channel: 'CGENERAL', user: 'UALICE', responseUrl: h.fake.responseUrl('s1') });
    const ack = await h.fake.sendEnvelope('slash_commands', fields);
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'Thinking about <#CGENERAL>…' });
    const report = await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === 's1'));
    expect(String(report.body.text)).toContain('Rethought <#CGENERAL>');
    expect(h.engine.rethinks).toEqual([{ channel: `slack:${TEAM}:CGENERAL`, topic: undefined, onDemand: true, asker: 'UALICE' }]);
  });
});

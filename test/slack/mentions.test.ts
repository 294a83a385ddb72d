import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, feedbackClick, message, otherBotMessage, TEAM } from './payloads.js';

const GENERAL = `slack:${TEAM}:CGENERAL`;
let h: Harness;
afterEach(async () => h?.close());

describe('mentions over HTTP', () => {
  it('answers a channel mention in a new thread under it, with :eyes: first and sources as permalinks', async () => {
    h = await startHarness();
    h.fake.addMessage('CGENERAL', { ts: '1700000000.000100', user: 'UBOB', text: 'launch is March 14' });
    h.engine.answer = () => ({
      text: 'The launch is on **March 14**.',
      path: 'cold',
      citations: [{ channel: GENERAL, messageId: '1700000000.000100', ts: 1_700_000_000_000.1, userName: 'bob', excerpt: 'launch is March 14' }],
      channelsUsed: [GENERAL],
    });
    const mention = appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> when is the launch?` });

    const res = await h.event(eventCallback(mention));

    expect(res.status).toBe(200);
    expect(h.engine.asks).toEqual([
      { asker: 'UALICE', askedIn: GENERAL, scope: [GENERAL], question: 'when is the launch?', questionMessageId: mention.ts, private: false, onPartial: expect.any(Function) },
    ]);
    const [reply] = h.fake.posted('CGENERAL');
    expect(reply.thread_ts).toBe(mention.ts);
    expect(reply.text).toBe('The launch is on *March 14*.');
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('Worked out just now');
    expect(blocks).toContain('<https://acme.slack.com/archives/CGENERAL/p1700000000000100|[1] bob>');
    expect(blocks).toContain('"type":"feedback_buttons"');
    expect(blocks).toContain(`"value":"up ${GENERAL}"`);
    // :eyes: went on before the answer was posted, within a second of the request, and came off after.
    const [add] = h.fake.callsTo('reactions.add');
    const [post] = h.fake.callsTo('chat.postMessage');
    expect(add.params).toMatchObject({ channel: 'CGENERAL', timestamp: mention.ts, name: 'eyes' });
    expect(add.at).toBeLessThanOrEqual(post.at);
    expect(add.at - h.fake.calls[0].at).toBeLessThan(1000);
    expect(h.fake.callsTo('reactions.remove')).toHaveLength(1);
  });

  it('answers a mention inside a thread in that thread', async () => {
    h = await startHarness();
    const mention = appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> and the owner?`, thread_ts: '1700000000.000100' });
    await h.event(eventCallback(mention));
    expect(h.fake.posted('CGENERAL').map((p) => p.thread_ts)).toEqual(['1700000000.000100']);
  });

  it('says when an answer was thought out in advance, and when it was worked out just now', async () => {
    h = await startHarness();
    const thoughtAt = Date.UTC(2025, 2, 3, 4, 5);
    h.engine.answer = (r) => (r.question.includes('cached') ? { text: 'yes', path: 'cached', thoughtAt } : { text: 'no', path: 'warm' });
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> cached?` })));
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> fresh?` })));
    const [anticipated, fresh] = h.fake.posted('CGENERAL').map((p) => JSON.stringify(p.blocks));
    expect(anticipated).toContain(`Thought out in advance <!date^${thoughtAt / 1000}^on {date_short_pretty} at {time}|on 2025-03-03 04:05 UTC>`);
    expect(fresh).toContain('Worked out just now');
    expect(fresh).not.toContain('Thought out in advance');
  });

  it('splits a long answer into several messages, each under the limit, code fences balanced', async () => {
    h = await startHarness();
    const paragraph = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20);
    const code = '```\n' + 'const x = 1;\n'.repeat(150) + '```';
    h.engine.answer = () => ({ text: [paragraph, paragraph, code, paragraph, paragraph, paragraph].join('\n\n') });
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> everything?` })));
    const posts = h.fake.posted('CGENERAL');
    expect(posts.length).toBeGreaterThan(2);
    for (const post of posts) {
      const text = String(post.text);
      expect(text.length).toBeLessThanOrEqual(2_900);
      expect((text.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(posts.every((p) => p.thread_ts === posts[0].thread_ts)).toBe(true);
    // Only the last message carries the context line and the buttons.
    expect(posts.filter((p) => p.blocks)).toHaveLength(1);
    expect(posts.at(-1)?.blocks).toBeDefined();
  });

  it('answers a retried delivery and a duplicate delivery of the same event once', async () => {
    h = await startHarness();
    const payload = eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> once?` }), 'EvSAME');
    await h.event(payload);
    const retry = await h.event(payload, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await h.event(payload);
    expect(retry.status).toBe(200);
    expect(h.engine.asks).toHaveLength(1);
    // Event-level de-duplication: a retried plain message is not ingested twice either.
    const said = eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'plain' }), 'EvPLAIN');
    await h.event(said);
    await h.event(said, { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' } });
    expect(h.engine.ingested).toHaveLength(1);
    expect(h.fake.posted('CGENERAL')).toHaveLength(1);
  });

  it('collapses the message event that duplicates an app_mention (and a resent client_msg_id)', async () => {
    h = await startHarness();
    const said = { channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> twice?`, ts: '1700000100.000200', client_msg_id: 'c0ffee' };
    await h.event(eventCallback(message(said), 'EvMSG'));
    await h.event(eventCallback(appMention(said), 'EvMENTION'));
    // The same client message resent under a new ts (a client retry) is not answered again either.
    await h.event(eventCallback(appMention({ ...said, ts: '1700000100.000300' }), 'EvRESENT'));
    expect(h.fake.posted('CGENERAL')).toHaveLength(1);
    // …while the message itself was still ingested as context.
    expect(h.engine.ingested.filter((e) => e.type === 'message')).toHaveLength(1);
  });

  it('never answers bots: its own messages, other apps, bot_message posts', async () => {
    h = await startHarness();
    await h.event(eventCallback({ ...otherBotMessage({ channel: 'CGENERAL', text: `<@${BOT_USER}> ping` }), type: 'app_mention' }));
    await h.event(eventCallback(otherBotMessage({ channel: 'CGENERAL', text: 'deploy finished' })));
    await h.event(eventCallback({ type: 'message', subtype: 'bot_message', bot_id: 'BCI', username: 'ci', text: 'build green', channel: 'CGENERAL', ts: '1700000200.000100' }));
    await h.event(eventCallback({ type: 'message', user: BOT_USER, bot_id: 'BMULL', text: 'my own answer', channel: 'CGENERAL', channel_type: 'channel', ts: '1700000200.000200' }));
    expect(h.engine.asks).toHaveLength(0);
    expect(h.engine.ingested).toHaveLength(0);
    expect(h.fake.posted()).toHaveLength(0);
  });

  it('records 👍/👎 once per person per answer and thanks them through response_url', async () => {
    h = await startHarness();
    const click = feedbackClick({ vote: 'up', value: GENERAL, channel: 'CGENERAL', messageTs: '1700000300.000100', user: 'UALICE', responseUrl: h.fake.responseUrl('fb1') });
    expect((await h.interaction(click)).status).toBe(200);
    await h.interaction(click);
    // Without a trigger id (no modal can open) a thumbs-down is thanked like a thumbs-up.
    const down = feedbackClick({ vote: 'down', value: GENERAL, channel: 'CGENERAL', messageTs: '1700000300.000100', user: 'UBOB', responseUrl: h.fake.responseUrl('fb1') });
    await h.interaction({ ...down, trigger_id: undefined });
    await h.fake.waitFor(() => h.fake.responses.length === 3);
    expect(h.engine.feedback).toEqual([
      { channel: GENERAL, vote: 'up' },
      { channel: GENERAL, vote: 'down' },
    ]);
    expect(h.fake.responses[0].body).toMatchObject({ response_type: 'ephemeral', text: 'Thanks, noted.' });
  });

  it('keeps question text out of info logs', async () => {
    h = await startHarness();
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> the secret-word-xyzzy?` })));
    expect(h.logs.join('\n')).toContain('slack answered');
    expect(h.logs.join('\n')).not.toContain('xyzzy');
    expect(h.logs.join('\n')).not.toContain(h.fake.botToken);
  });
});

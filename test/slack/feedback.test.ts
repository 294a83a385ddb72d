import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, feedbackClick, TEAM, viewSubmission } from './payloads.js';

/**
 * Slack's feedback_buttons under an answer: a thumbs-down opens a short modal, and the reason
 * reaches the engine with the question and the answer it judged (real Bolt, fake Slack).
 */
const GENERAL = `slack:${TEAM}:CGENERAL`;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack feedback', () => {
  it('a thumbs-down opens a modal; its reason goes to the engine with the question and answer judged', async () => {
    h = await startHarness();
    const x = h;
    const prepared = { channel: 'slack:T1:CPREPARED', questionId: 'q3' };
    x.engine.answer = () => ({ text: 'The launch is on March 12.', path: 'cached', prepared });
    await x.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> when is the launch?` })));
    const [answer] = x.fake.posted('CGENERAL');
    const answerTs = String(x.fake.messages.get('CGENERAL')!.at(-1)!.ts);
    expect(JSON.stringify(answer!.blocks)).toContain('"type":"context_actions"');

    await x.interaction(feedbackClick({ vote: 'down', value: GENERAL, channel: 'CGENERAL', messageTs: answerTs, user: 'UBOB', responseUrl: x.fake.responseUrl('d1') }));
    const open = await x.fake.waitFor(() => x.fake.callsTo('views.open')[0]);
    const view = open.params.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(open.params.trigger_id).toBe('1337.42.efgh');
    expect(view.callback_id).toBe('mull_feedback_reason');
    expect(x.engine.feedback).toEqual([{ channel: GENERAL, vote: 'down' }]);

    const submitted = await x.interaction(viewSubmission({
      callbackId: 'mull_feedback_reason', user: 'UBOB', privateMetadata: view.private_metadata,
      values: { reason: 'It moved to March 14 in the standup.' },
    }));
    expect(submitted.status).toBe(200);
    await x.fake.waitFor(() => x.engine.reasons.length > 0);
    expect(x.engine.reasons).toEqual([{
      channel: GENERAL, question: 'when is the launch?', answer: 'The launch is on March 12.',
      reason: 'It moved to March 14 in the standup.', answerId: answerTs, user: 'UBOB', prepared,
    }]);

    // A second thumbs-down by the same person is not counted again and opens no second modal.
    await x.interaction(feedbackClick({ vote: 'down', value: GENERAL, channel: 'CGENERAL', messageTs: answerTs, user: 'UBOB', responseUrl: x.fake.responseUrl('d2') }));
    await x.fake.waitFor(() => x.fake.responses.find((r) => r.id === 'd2'));
    expect(x.fake.callsTo('views.open')).toHaveLength(1);
    expect(x.engine.feedback).toHaveLength(1);
  });

  it('a vote for another workspace\'s channel is ignored', async () => {
    h = await startHarness();
    await h.interaction(feedbackClick({ vote: 'up', value: 'slack:TOTHER:C1', channel: 'CGENERAL', messageTs: '1.2', user: 'UBOB', responseUrl: h.fake.responseUrl('o1') }));
    expect(h.engine.feedback).toHaveLength(0);
  });
});

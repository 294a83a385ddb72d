import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/create-engine.js';
import { startOfflineHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, message, messageChanged, messageDeleted } from './payloads.js';

/**
 * The adapter with the real engine (offline: no model, answers quote the history) on the real
 * memory store: what a person sees in Slack after messages are said, edited and deleted.
 */
let h: Harness<RunningEngine> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = startOfflineHarness;

const lastReply = (harness: Harness<RunningEngine>, channel: string) => JSON.stringify(harness.fake.posted(channel).at(-1));

describe('Slack with the real engine', () => {
  it('reflects an edit and a deletion in later answers', async () => {
    h = await start();
    const budget = { channel: 'CGENERAL', user: 'UBOB', ts: '1700000000.000100', text: 'The launch budget is 40k dollars, approved by finance.' };
    await h.event(eventCallback(message(budget)));
    const ask = () => h!.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> what is the launch budget?` })));

    await ask();
    expect(lastReply(h, 'CGENERAL')).toContain('40k dollars');
    expect(lastReply(h, 'CGENERAL')).toContain('https://acme.slack.com/archives/CGENERAL/p1700000000000100');

    await h.event(eventCallback(messageChanged({ ...budget, before: budget.text, after: 'The launch budget is 55k dollars, approved by finance.' })));
    await ask();
    expect(lastReply(h, 'CGENERAL')).toContain('55k dollars');
    expect(lastReply(h, 'CGENERAL')).not.toContain('40k dollars');

    await h.event(eventCallback(messageDeleted({ ...budget, text: 'The launch budget is 55k dollars, approved by finance.' })));
    await ask();
    expect(lastReply(h, 'CGENERAL')).not.toContain('55k dollars');
    expect(lastReply(h, 'CGENERAL')).not.toContain('p1700000000000100');
  });

  it('never lets a DM draw on a private channel the asker is not in', async () => {
    h = await start();
    await h.event(eventCallback(message({ channel: 'GSECRET', channel_type: 'group', user: 'UBOB', text: 'The acquisition codename is bluebird.', ts: '1700000000.000200' })));
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'The acquisition rumours are just rumours.', ts: '1700000000.000300' })));

    await h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'what is the acquisition codename?' })));

    const reply = lastReply(h, 'DALICE');
    expect(reply).not.toContain('bluebird');
    expect(reply).not.toContain('GSECRET');
    expect(reply).toContain('rumours');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEngine } from '../../src/engine/create-engine.js';
import { startOfflineHarness, type Harness } from './harness.js';
import { buttonClick, eventCallback, message, TEAM } from './payloads.js';

/**
 * The App Home through the real Bolt app and the real (offline) engine: published on
 * app_home_opened with only the viewer's channels, and its buttons rethink, pause and resume.
 */
const GENERAL = `slack:${TEAM}:CGENERAL`;
let h: Harness<RunningEngine> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const homeOpened = (user: string) => ({ type: 'app_home_opened', user, channel: 'DALICE', tab: 'home', event_ts: '1700000000.000001' });
const text = (view: Record<string, unknown> | undefined) => JSON.stringify(view ?? {});

describe('Slack App Home', () => {
  it('shows each channel the viewer can read, with figures, expected questions and the buttons they may use', async () => {
    h = await startOfflineHarness();
    const x = h;
    x.fake.channels.get('CGENERAL')!.creator = 'UBOB';
    await x.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Who owns billing now?', ts: '1700000000.000100' })));
    await x.event(eventCallback(message({ channel: 'CGENERAL', user: 'UALICE', text: 'Dana owns billing since March.', ts: '1700000000.000200', thread_ts: '1700000000.000100' })));
    await x.event(eventCallback(message({ channel: 'GSECRET', channel_type: 'group', user: 'UBOB', text: 'The acquisition price is 40M.', ts: '1700000000.000300' })));
    await x.engine.rethink(GENERAL);

    await x.event(eventCallback(homeOpened('UALICE')));
    const alice = x.fake.homeViews.get('UALICE')!.at(-1);
    expect(alice).toMatchObject({ type: 'home' });
    expect(text(alice)).toContain('<#CGENERAL>');
    expect(text(alice)).not.toContain('GSECRET');
    expect(text(alice)).toContain('Who owns billing now?'); // the question the offline pass mined
    expect(text(alice)).toMatch(/This week: \d[\d,]* tokens thinking while idle, \d[\d,]* answering/);
    expect(text(alice)).toContain('mull_home_rethink');
    expect(text(alice)).not.toContain('mull_home_pause'); // Alice does not manage #general

    await x.event(eventCallback(homeOpened('UBOB')));
    const bob = x.fake.homeViews.get('UBOB')!.at(-1);
    expect(text(bob)).toContain('<#GSECRET>');
    expect(text(bob)).toContain('mull_home_pause');
  });

  it('pause and resume by those who manage the channel; others change nothing', async () => {
    h = await startOfflineHarness();
    const x = h;
    x.fake.channels.get('CGENERAL')!.creator = 'UBOB';
    await x.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'Billing moved to finance.' })));
    const click = (user: string, kind: string) =>
      x.interaction(buttonClick({ actionId: `mull_home_${kind}`, value: 'CGENERAL', channel: 'DALICE', messageTs: '1', user, responseUrl: x.fake.responseUrl('home') }));

    await click('UALICE', 'pause');
    expect((await x.engine.channelSettings(GENERAL)).passes).toBe(true);
    await click('UBOB', 'pause');
    expect((await x.engine.channelSettings(GENERAL)).passes).toBe(false);
    expect(text(x.fake.homeViews.get('UBOB')!.at(-1))).toContain('Passes in <#CGENERAL> are paused.');
    expect(text(x.fake.homeViews.get('UBOB')!.at(-1))).toContain('mull_home_resume');
    await click('UBOB', 'resume');
    expect((await x.engine.channelSettings(GENERAL)).passes).toBe(true);

    await click('UALICE', 'rethink');
    expect(text(x.fake.homeViews.get('UALICE')!.at(-1))).toContain('*Rethought <#CGENERAL>*');
    // A channel the clicker is not in is refused outright.
    await x.interaction(buttonClick({ actionId: 'mull_home_rethink', value: 'GSECRET', channel: 'DALICE', messageTs: '1', user: 'UALICE', responseUrl: x.fake.responseUrl('home') }));
    expect(x.fake.homeViews.get('UALICE')).toHaveLength(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { eventCallback, message, TEAM } from './payloads.js';

/**
 * The assistant side panel through Bolt's Assistant class, against the fake Slack: suggested
 * prompts come only from channels the user can read (as DM answers are scoped), a question sets
 * the thread's title and a loading status, and the answer is given as in a DM.
 */
const GENERAL = `slack:${TEAM}:CGENERAL`;
const SECRET = `slack:${TEAM}:GSECRET`;
const THREAD = '1729999327.187299';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const threadStarted = (user: string) => ({
  type: 'assistant_thread_started',
  assistant_thread: { user_id: user, context: { channel_id: 'CGENERAL', team_id: TEAM, enterprise_id: null }, channel_id: 'DALICE', thread_ts: THREAD },
  event_ts: THREAD,
});

describe('Slack assistant panel', () => {
  it('suggests the expected questions of the channels the user can read, never of others', async () => {
    h = await startHarness();
    const x = h;
    x.engine.expected.set(GENERAL, ['When is the launch?', 'Who owns billing?']);
    x.engine.expected.set(SECRET, ['What is the acquisition price?']);
    await x.event(eventCallback(threadStarted('UALICE')));

    const [prompts] = x.fake.callsTo('assistant.threads.setSuggestedPrompts');
    expect(prompts!.params).toMatchObject({ channel_id: 'DALICE', thread_ts: THREAD });
    expect(prompts!.params.prompts).toEqual([
      { title: 'When is the launch?', message: 'When is the launch?' },
      { title: 'Who owns billing?', message: 'Who owns billing?' },
    ]);
    expect(JSON.stringify(x.fake.calls)).not.toContain('acquisition');
    // Asked for exactly the user's scope: #general and the DM, not #secret-plans (Bob's).
    expect(x.engine.expectedTargets).toEqual([expect.arrayContaining([GENERAL, `slack:${TEAM}:DALICE`])]);
    expect(x.engine.expectedTargets[0]).not.toContain(SECRET);
    expect(x.fake.posted('DALICE')[0]).toMatchObject({ thread_ts: THREAD });
  });

  it('a question in the panel: title, loading status, then the answer in the thread, from the user\'s channels; nothing stored', async () => {
    h = await startHarness();
    const x = h;
    await x.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'When is the launch?', thread_ts: THREAD })));
    await x.fake.waitFor(() => x.fake.posted('DALICE').length > 0);

    const title = x.fake.callsTo('assistant.threads.setTitle')[0]!;
    const status = x.fake.callsTo('assistant.threads.setStatus')[0]!;
    expect(title.params).toMatchObject({ channel_id: 'DALICE', thread_ts: THREAD, title: 'When is the launch?' });
    expect(status.params).toMatchObject({ channel_id: 'DALICE', thread_ts: THREAD, status: 'is thinking…' });
    expect(status.params.loading_messages).toHaveLength(3);
    const answer = x.fake.callsTo('chat.postMessage').at(-1)!;
    expect(status.at).toBeLessThanOrEqual(answer.at);
    expect(answer.params).toMatchObject({ channel: 'DALICE', thread_ts: THREAD, text: 'Answer to: When is the launch?' });
    expect(x.engine.asks).toHaveLength(1);
    expect(x.engine.asks[0]).toMatchObject({ private: true, question: 'When is the launch?' });
    expect(x.engine.asks[0]!.scope).toContain(GENERAL);
    expect(x.engine.asks[0]!.scope).not.toContain(SECRET);
    expect(x.engine.ingested).toHaveLength(0);
  });
});

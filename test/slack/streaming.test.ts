import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type RunningEngine } from '../../src/engine/create-engine.js';
import { createProvider } from '../../src/llm/create-provider.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startFakeOpenAI, type FakeLlmServer } from '../fakes/fake-openai.js';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, message } from './payloads.js';

/**
 * A fresh answer streams into Slack: the real engine streams the model's structured reply (real
 * OpenAI SDK against the fake model), the adapter posts a draft and edits it as the text grows,
 * and the finished answer replaces the draft instead of arriving as a second message.
 */
let h: Harness<RunningEngine> | undefined;
let store: Store | undefined;
let model: FakeLlmServer | undefined;
afterEach(async () => {
  await h?.close();
  await h?.engine.stop();
  await store?.close();
  await model?.close();
  h = undefined;
});

const ANSWER =
  'The launch budget is 40k dollars. Finance approved it last week, and it covers the venue, the ' +
  'travel for the speakers, and a small contingency for printing.';

/**
 * `native: false`: the workspace refuses chat.startStream (as one without Slack's AI streaming
 * does), so answers fall back to the draft-and-update path.
 */
async function startStreaming(options: { chunkDelayMs: number; slack?: Record<string, unknown>; native?: boolean; answer?: string }): Promise<Harness<RunningEngine>> {
  model = await startFakeOpenAI({
    reply: () => ({ json: { answer: options.answer ?? ANSWER, citations: [], covered: true }, chunkDelayMs: options.chunkDelayMs }),
  });
  store = await openStore('memory://');
  const engine = createEngine({
    store,
    provider: createProvider({ provider: 'openai', apiKey: 'sk-test', baseURL: model.url, maxRetries: 0 }),
    sleep: { model: 's', effort: 'low', nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 60, dailyTokenBudget: null },
    answer: { model: 'a' },
  });
  const harness = await startHarness({ engine, store, slack: { streamUpdateMs: 100, ...options.slack } });
  if (options.native === false) harness.fake.fail('chat.startStream', { error: 'not_allowed_token_type', times: 1_000 });
  return harness;
}

const ask = (harness: Harness<RunningEngine>) =>
  harness.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> what is the launch budget?` })));

describe('Slack native streaming', () => {
  it('streams with chat.startStream / appendStream / stopStream; the sources and feedback ride on the stop', async () => {
    const long = `${ANSWER} ${ANSWER} ${ANSWER}`;
    h = await startStreaming({ chunkDelayMs: 40, answer: long });
    await ask(h);
    const start = h.fake.callsTo('chat.startStream');
    expect(start).toHaveLength(1);
    expect(start[0]!.params).toMatchObject({ channel: 'CGENERAL', recipient_team_id: 'T0MULL', recipient_user_id: 'UALICE' });
    expect(start[0]!.params.thread_ts).toBeTruthy();
    const [stream] = [...h.fake.streams.values()];
    expect(stream!.stopped).toBe(true);
    expect(stream!.chunks.join('')).toBe(long); // the whole answer as Markdown, in order
    expect(stream!.chunks[0]!.length).toBeLessThan(long.length / 2); // it started early
    expect(h.fake.callsTo('chat.appendStream').length).toBeGreaterThanOrEqual(1); // and grew while the model wrote
    const tail = JSON.stringify(stream!.blocks);
    expect(tail).toContain('Worked out just now');
    expect(tail).toContain('"type":"feedback_buttons"');
    expect(tail).not.toContain('contingency for printing'); // the body is the stream, not repeated in a block
    expect(h.fake.callsTo('chat.update')).toHaveLength(0);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refused once: that answer falls back to the draft, and the next goes to the draft at once', async () => {
    h = await startStreaming({ chunkDelayMs: 60, native: false });
    await ask(h);
    expect(h.fake.callsTo('chat.startStream')).toHaveLength(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1); // the draft
    expect(JSON.stringify(h.fake.callsTo('chat.update').at(-1)!.params.blocks)).toContain('contingency for printing');
    await ask(h);
    expect(h.fake.callsTo('chat.startStream')).toHaveLength(1); // not tried again
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(2);
  });
});

describe('Slack streaming into a draft (no native streaming)', () => {
  it('a 429 on a draft edit drops that frame instead of pausing every answer behind Retry-After', async () => {
    h = await startStreaming({ chunkDelayMs: 60, native: false });
    h.fake.fail('chat.update', { status: 429, retryAfter: 10, when: (p) => !p.blocks });
    const started = Date.now();
    await ask(h);
    expect(Date.now() - started).toBeLessThan(8_000); // no 10 s wait anywhere
    expect(h.fake.callsTo('chat.update').filter((c) => !c.params.blocks).length).toBeGreaterThanOrEqual(1); // the 429 was hit
    const final = h.fake.callsTo('chat.update').at(-1)!;
    expect(JSON.stringify(final.params.blocks)).toContain('contingency for printing');
  });

  it('keeps drafts within the workspace allowance of progress edits', async () => {
    h = await startStreaming({ chunkDelayMs: 60, slack: { draftEditsPerMinute: 1 }, native: false });
    await ask(h);
    const progress = h.fake.callsTo('chat.update').filter((c) => !c.params.blocks);
    expect(progress.length).toBeLessThanOrEqual(1);
    expect(JSON.stringify(h.fake.callsTo('chat.update').at(-1)!.params.blocks)).toContain('contingency for printing');
  });

  it('posts a draft, edits it as the model writes (throttled), and finishes it in place', async () => {
    h = await startStreaming({ chunkDelayMs: 60, native: false });
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', ts: '1700000000.000100', text: 'The launch budget is 40k dollars.' })));
    await ask(h);

    expect(model!.requests.at(-1)!.body.stream).toBe(true);
    const posts = h.fake.callsTo('chat.postMessage');
    const updates = h.fake.callsTo('chat.update');
    expect(posts).toHaveLength(1); // the draft, which became the answer
    expect(String(posts[0]!.params.text).length).toBeLessThan(ANSWER.length); // it started partial
    expect(updates.length).toBeGreaterThanOrEqual(2); // progress edits, then the final one
    const final = updates.at(-1)!;
    const draft = h.fake.messages.get('CGENERAL')!.filter((m) => m.bot_id).at(-1)!;
    expect(final.params.ts).toBe(draft.ts); // the final text replaced the draft, in place
    expect(draft.text).toContain('contingency for printing');
    expect(JSON.stringify(final.params.blocks)).toContain('contingency for printing');
    expect(JSON.stringify(final.params.blocks)).toMatch(/Worked out just now/);
    // Edits are throttled: no two progress edits closer than the interval (with some slack).
    const progress = updates.slice(0, -1).map((u) => u.at);
    for (let i = 1; i < progress.length; i++) expect(progress[i]! - progress[i - 1]!).toBeGreaterThanOrEqual(80);
  });
});

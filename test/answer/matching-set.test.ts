import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/engine.js';
import type { Channel } from '../../src/core/types.js';
import type { FakeTurn, RecordedRequest } from '../fakes/fake-openai.js';
import { message, startHarness, type Harness } from '../helpers/engine-harness.js';
import { isCheckRequest, isSleepRequest, labelOf, promptOf } from '../helpers/scripted-sleep-model.js';
import { CHANNELS, STALE, UNTOUCHED, type PreparedSpec } from './matching-set.js';

const channelOf = (name: string): Channel => ({
  key: `console:local:${name}`, platform: 'console', workspace: 'local', id: name, name, isPrivate: false, isDm: false,
});
const specs = new Map(CHANNELS.flatMap((c) => c.prepared.map((p) => [p.key, p] as const)));
const byQuestion = new Map([...specs.values()].map((p) => [p.question, p]));
/** Which prepared answer a wording asks for (the labels of the set). */
const asksFor = new Map<string, string>([
  ...[...specs.values()].flatMap((p) => [p.question, ...p.asked].map((q) => [q.toLowerCase(), p.key] as const)),
  ...STALE.flatMap((s) => s.asked.map((q) => [q.toLowerCase(), s.prepared] as const)),
  ...UNTOUCHED.map((u) => [u.asked.toLowerCase(), u.prepared] as const),
]);

/** A pass as a model would write it: each prepared question with its subject, paraphrases and look-alikes. */
function passReply(request: RecordedRequest): FakeTurn {
  const { user } = promptOf(request);
  const name = /Channel: #([\w-]+)\./.exec(user)?.[1];
  const channel = CHANNELS.find((c) => c.name === name)!;
  const questions = channel.prepared.flatMap((p) => {
    const label = labelOf(user, p.cites);
    return label ? [{ question: p.question, subject: p.subject, paraphrases: p.paraphrases, lookalikes: p.lookalikes, answer: p.answer, citations: [label], confidence: 0.9 }] : [];
  });
  const notes = questions.map((q) => ({ id: 'new', kind: 'fact', text: q.answer, citations: q.citations }));
  return { json: { summary: `#${name}`, notes, questions } };
}

/**
 * The check answers as a careful model would, from the set's labels: the same question or not,
 * and not still true when newer messages on the subject were shown (without saying what is true
 * now, so the question goes warm).
 */
function checkReply(request: RecordedRequest): FakeTurn {
  const { user } = promptOf(request);
  const asked = /# Question asked now\n<channel_material>\n([\s\S]*?)\n<\/channel_material>/.exec(user)?.[1] ?? '';
  const prepared = byQuestion.get(/^Q: (.*)$/m.exec(user)?.[1] ?? '');
  const newer = /# Newer messages on its subject\n(?!\(none\))/.test(user);
  return { json: { asks_same: !!prepared && asksFor.get(asked.toLowerCase()) === prepared.key, still_true: !newer, answer: '', citations: [] } };
}

function model(request: RecordedRequest): FakeTurn {
  if (isSleepRequest(request)) return passReply(request);
  if (isCheckRequest(request)) return checkReply(request);
  return { json: { answer: 'Worked out from the channel just now.', citations: [], covered: true } };
}

describe.each(['openai', 'anthropic'] as const)('labelled matching set through the engine (%s)', (provider) => {
  let h: Harness;
  const ask = (channel: string, question: string): Promise<Answer> =>
    h.engine.ask({ asker: 'u', askedIn: channelOf(channel).key, scope: [channelOf(channel).key], question });

  beforeAll(async () => {
    h = await startHarness({ reply: model, provider });
    for (const c of CHANNELS) {
      for (const text of c.messages) await h.engine.ingest({ type: 'message', channel: channelOf(c.name), message: message(text) });
      expect((await h.engine.rethink(channelOf(c.name).key)).status).toBe('ok');
      expect((await h.store.getLearned(channelOf(c.name).key))?.questions).toHaveLength(c.prepared.length);
    }
  });
  afterAll(async () => h.close());

  it('paraphrases use the prepared answer (cached or verified) at least 70% of the time, and always the right one', async () => {
    const cases = CHANNELS.flatMap((c) => c.prepared.flatMap((p) => p.asked.map((q) => ({ c, p, q }))));
    expect(cases.length).toBeGreaterThanOrEqual(36);
    let hits = 0;
    for (const { c, p, q } of cases) {
      const answer = await ask(c.name, q);
      if (answer.path === 'cached' || answer.path === 'verified') {
        hits++;
        expect(answer.text, q).toBe(p.answer);
      }
    }
    expect(hits / cases.length).toBeGreaterThanOrEqual(0.7);
  });

  it('look-alikes are never served a prepared answer', async () => {
    const cases = CHANNELS.flatMap((c) => c.prepared.flatMap((p) => p.askedLookalikes.map((q) => ({ c, p, q }))));
    expect(cases.length).toBeGreaterThanOrEqual(24);
    const prepared = new Set([...specs.values()].map((p: PreparedSpec) => p.answer));
    for (const { c, q } of cases) {
      const answer = await ask(c.name, q);
      expect(answer.path, q).not.toBe('cached');
      expect(answer.path, q).not.toBe('verified');
      expect(prepared.has(answer.text), q).toBe(false);
    }
  });

  it('a change after the pass without a number makes the prepared answer stale; untouched subjects stay cached', async () => {
    for (const s of STALE) await h.engine.ingest({ type: 'message', channel: channelOf(s.channel), message: message(s.change) });
    for (const s of STALE) {
      for (const q of s.asked) {
        const seen = h.model!.requests.length;
        const answer = await ask(s.channel, q);
        expect(answer.path, q).not.toBe('cached');
        expect(answer.text, q).not.toBe(specs.get(s.prepared)!.answer);
        // Whichever path answered was shown the change.
        const shown = h.model!.requests.slice(seen).some((r) => promptOf(r).user.includes(s.change));
        expect(shown, q).toBe(true);
      }
    }
    for (const u of UNTOUCHED) {
      const answer = await ask(u.channel, u.asked);
      expect(answer.path, u.asked).toBe('cached');
      expect(answer.text).toBe(specs.get(u.prepared)!.answer);
    }
  });
});

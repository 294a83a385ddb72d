import { afterEach, describe, expect, it } from 'vitest';
import { LOADED_WHOLE_AT_MOST, RANKED_PER_BATCH } from '../../src/answer/answer-scope.js';
import type { Channel, LearnedContext } from '../../src/core/types.js';
import type { LearnedReadOptions, Store } from '../../src/store/store.js';
import type { FakeTurn, RecordedRequest } from '../fakes/fake-openai.js';
import { message, startHarness, type Harness } from '../helpers/engine-harness.js';
import { isCheckRequest, labelOf, promptOf } from '../helpers/scripted-sleep-model.js';

/**
 * A DM's scope is every channel the asker can read. The answer must find the one channel that
 * knows, without holding every channel's learned context (prepared questions with their
 * embeddings) in memory at once: a wide scope is ranked a batch at a time, without vectors, and
 * only the channels kept are loaded whole.
 */
const CHANNELS = 120;
const DIMENSIONS = 64;

const channel = (i: number): Channel => {
  const id = `c${String(i).padStart(3, '0')}`;
  return { key: `console:local:${id}`, platform: 'console', workspace: 'local', id, name: id, isPrivate: false, isDm: false };
};

/** Vectors by topic: pay questions one way, release questions another, the rest a third. */
function embed(text: string): number[] {
  const vector = new Array<number>(DIMENSIONS).fill(0);
  if (/salar|payroll|paid|wage/i.test(text)) vector[0] = 1;
  else if (/orion|release|ship/i.test(text)) vector[1] = 1;
  else vector[2 + (text.length % (DIMENSIONS - 2))] = 1;
  return vector;
}

const TOPICS: Record<number, { question: string; answer: string; fact: string; paraphrases: string[] }> = {
  77: { question: 'When does the Orion release ship?', answer: 'Orion ships on 4 May.', fact: 'Decided: the Orion release ships on 4 May.', paraphrases: ['What is the Orion release date?', 'When is Orion out?'] },
  88: { question: 'When is payroll processed?', answer: 'Payroll runs on the 25th of each month.', fact: 'Payroll runs on the 25th of each month.', paraphrases: ['What day is payroll run?'] },
};

/** Counts what the engine reads of learned contexts, and how many reads are in flight at once. */
class CountingReads {
  whole = 0;
  light = 0;
  inFlight = 0;
  maxInFlight = 0;
  embeddingReads = 0;

  wrap(store: Store): Store {
    return new Proxy(store, {
      get: (target, prop, receiver) => {
        if (prop === 'getLearned') {
          return async (key: string, options?: LearnedReadOptions) => {
            if (options?.vectors === false) this.light++;
            else this.whole++;
            this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
            try {
              return await target.getLearned(key, options);
            } finally {
              this.inFlight--;
            }
          };
        }
        if (prop === 'questionEmbeddings') {
          return (keys: string[]) => {
            this.embeddingReads++;
            expect(keys.length).toBeLessThanOrEqual(RANKED_PER_BATCH);
            return target.questionEmbeddings(keys);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

async function seedWorkspace(h: Harness, withVectors: boolean) {
  const facts: Record<number, string> = {};
  for (let i = 0; i < CHANNELS; i++) {
    const c = channel(i);
    await h.store.putChannel(c);
    const topic = TOPICS[i] ?? {
      question: `Who runs the standup for team ${i}?`, answer: `Member ${i} runs it.`, fact: `Member ${i} runs the team ${i} standup now.`, paraphrases: [`Who leads team ${i} standup?`],
    };
    const m = message(topic.fact, 'alice');
    await h.store.putMessages(c.key, [m]);
    facts[i] = m.id;
    const vectors = (text: string) => (withVectors ? embed(text) : undefined);
    const learned: LearnedContext = {
      channel: c.key, version: 1, committedAt: m.ts + 1000, watermark: { ts: m.ts, id: m.id }, source: 'model', rework: [],
      summary: `Channel ${c.name}: team ${i} coordination.`,
      notes: [{ id: `n${i}`, kind: 'fact', text: topic.fact, citations: [m.id] }],
      questions: [{
        id: `q${i}`, question: topic.question, answer: topic.answer, citations: [m.id], confidence: 0.9,
        subject: topic.question.replace(/\?$/, ''), paraphrases: topic.paraphrases, lookalikes: [],
        ...(withVectors ? { embedding: vectors(topic.question)!, paraphraseEmbeddings: topic.paraphrases.map((p) => vectors(p)!), lookalikeEmbeddings: [] } : {}),
      }],
    };
    await h.store.commitLearned(learned, 0);
  }
  return facts;
}

/** Checks agree when the prepared answer is about what was asked; warm answers cite the pay message. */
function model(request: RecordedRequest): FakeTurn {
  const { user } = promptOf(request);
  if (isCheckRequest(request)) return { json: { asks_same: /payroll/i.test(user), still_true: true, answer: '', citations: [] } };
  const moved = labelOf(user, 'office move');
  if (moved) return { json: { answer: 'The office move is on Friday.', citations: [moved], covered: true } };
  const label = labelOf(user, 'Payroll runs');
  return { json: { answer: 'Payroll runs on the 25th.', citations: label ? [label] : [], covered: Boolean(label) } };
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a DM over many channels', () => {
  it('finds the channel with the prepared answer while loading only a few learned contexts whole', async () => {
    const reads = new CountingReads();
    harness = await startHarness({ reply: model, wrapStore: (store) => reads.wrap(store) });
    const facts = await seedWorkspace(harness, false);
    const scope = Array.from({ length: CHANNELS }, (_, i) => channel(i).key);

    const answer = await harness.engine.ask({ asker: 'dave', askedIn: 'console:local:dm-dave', scope, question: 'When does the Orion release ship?', private: true });
    expect(answer.path).toBe('cached');
    expect(answer.text).toContain('4 May');
    expect(answer.citations.map((c) => c.messageId)).toEqual([facts[77]]);
    // Every channel was ranked, but without vectors and a batch at a time; only the kept few loaded whole.
    expect(reads.light).toBe(CHANNELS);
    expect(reads.whole).toBeLessThanOrEqual(LOADED_WHOLE_AT_MOST);
    expect(reads.maxInFlight).toBeLessThanOrEqual(LOADED_WHOLE_AT_MOST);
    expect(reads.embeddingReads).toBe(0); // no embedding model: vectors are never read
  });

  it('with embeddings, ranks channels by their prepared questions\' own vectors, a batch at a time, embedding the question once', async () => {
    const reads = new CountingReads();
    harness = await startHarness({ reply: model, embed, wrapStore: (store) => reads.wrap(store) });
    const facts = await seedWorkspace(harness, true);
    const scope = Array.from({ length: CHANNELS }, (_, i) => channel(i).key);
    const embeddings = () => harness!.model!.requests.filter((r) => r.path.endsWith('/embeddings')).length;

    // Shares no content word with channel 88's prepared question or its paraphrases: found by meaning only.
    const answer = await harness.engine.ask({ asker: 'dave', askedIn: 'console:local:dm-dave', scope, question: 'Which day do salaries land?', private: true });
    expect(answer.channelsUsed).toContain(channel(88).key);
    expect(answer.path).toBe('verified');
    expect(answer.text).toContain('25th');
    expect(answer.citations.map((c) => c.messageId)).toEqual([facts[88]]);
    expect(embeddings()).toBe(1);
    expect(reads.embeddingReads).toBe(Math.ceil(CHANNELS / RANKED_PER_BATCH));
    expect(reads.whole).toBeLessThanOrEqual(LOADED_WHOLE_AT_MOST);
    expect(reads.maxInFlight).toBeLessThanOrEqual(LOADED_WHOLE_AT_MOST);
  });

  it('finds a channel never passed over by what its messages say', async () => {
    const reads = new CountingReads();
    harness = await startHarness({ reply: model, wrapStore: (store) => reads.wrap(store) });
    await seedWorkspace(harness, false);
    // A channel joined after the last pass: messages, no learned context yet. Its key sorts last.
    const fresh: Channel = { ...channel(999), key: 'console:local:zz-fresh', id: 'zz-fresh', name: 'zz-fresh' };
    await harness.store.putChannel(fresh);
    const said = message('Heads up: the office move is on Friday, boxes by Thursday.', 'carol');
    await harness.store.putMessages(fresh.key, [said]);
    const scope = [...Array.from({ length: CHANNELS }, (_, i) => channel(i).key), fresh.key];

    const answer = await harness.engine.ask({ asker: 'dave', askedIn: 'console:local:dm-dave', scope, question: 'When is the office move?', private: true });
    expect(answer.channelsUsed).toContain(fresh.key);
    expect(answer.citations.map((c) => c.messageId)).toContain(said.id);
    expect(reads.whole).toBeLessThanOrEqual(LOADED_WHOLE_AT_MOST);
  });

  it('a scope of a few channels is loaded whole, as a mention\'s is', async () => {
    const reads = new CountingReads();
    harness = await startHarness({ reply: model, wrapStore: (store) => reads.wrap(store) });
    await seedWorkspace(harness, false);
    const scope = [channel(77).key, channel(3).key, channel(5).key];
    const answer = await harness.engine.ask({ asker: 'dave', askedIn: channel(77).key, scope, question: 'When does the Orion release ship?' });
    expect(answer.path).toBe('cached');
    expect(reads.light).toBe(0);
    expect(reads.whole).toBe(3);
  });
});

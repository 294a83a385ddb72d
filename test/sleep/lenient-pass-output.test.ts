import { afterEach, describe, expect, it } from 'vitest';
import { PassOutput, passOutputJsonSchema } from '../../src/sleep/schema.js';
import { LearnedLimits } from '../../src/sleep/learned-update.js';
import type { FakeTurn, RecordedRequest } from '../fakes/fake-openai.js';
import { LAUNCH, message, startHarness, type Harness } from '../helpers/engine-harness.js';
import { isSleepRequest, labelOf, promptOf } from '../helpers/scripted-sleep-model.js';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('a pass is lenient on shape, strict on meaning', () => {
  it('the JSON schema sent to the model is generated from the validator: every property required, no lengths the model was not told', () => {
    const schema = passOutputJsonSchema as any;
    expect(schema.required).toEqual(['summary', 'notes', 'questions']);
    expect(schema.additionalProperties).toBe(false);
    const question = schema.properties.questions.items;
    expect(question.required).toEqual(['question', 'subject', 'paraphrases', 'lookalikes', 'answer', 'citations', 'confidence']);
    expect(JSON.stringify(schema)).not.toMatch(/maxLength|maxItems|"default"|\$schema/);
    // What the schema allows, the validator takes (here: a long id and long citation strings).
    const reply = { summary: 's', notes: [{ id: 'x'.repeat(300), kind: 'fact', text: 't', citations: ['m1'.repeat(50)] }], questions: [] };
    expect(PassOutput.safeParse(reply).success).toBe(true);
  });

  it('a schema-valid reply with overlong ids and strings and citations of messages it was never shown commits; what has no evidence left is dropped, not the pass', async () => {
    const reply = (request: RecordedRequest): FakeTurn => {
      if (!isSleepRequest(request)) return { json: { answer: 'ok', citations: [], covered: true } };
      const { user } = promptOf(request);
      const decision = labelOf(user, 'ship v2.3')!;
      return {
        json: {
          summary: 'S'.repeat(10_000),
          notes: [
            { id: 'a-very-long-note-identifier-that-is-well-over-forty-characters-long', kind: 'decision', text: 'v2.3 ships on 12 March.', citations: [decision, 'm999', 'slack:T1:C9:1700000000.000100-a-citation-over-twenty'] },
            { id: 'new', kind: 'fact', text: 'Only foreign evidence.', citations: ['m999'] },
            { id: 'new', kind: 'fact', text: 'N'.repeat(5_000), citations: [decision] },
          ],
          questions: [
            {
              question: 'When is the launch?', subject: 'launch date '.repeat(40), paraphrases: ['When do we ship?', 'When do we ship?', ''],
              lookalikes: ['When is the launch party?'], answer: 'On 12 March.', citations: [decision, 'm404'], confidence: 7,
            },
            { question: 'Who made that up?', subject: '', paraphrases: [], lookalikes: [], answer: 'Nobody.', citations: ['m404'], confidence: 0.9 },
          ],
        },
      };
    };
    harness = await startHarness({ reply });
    const h = harness;
    const decision = message('We decided to ship v2.3 on 12 March.');
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: decision });
    const report = await h.engine.rethink(LAUNCH.key);
    expect(report.status).toBe('ok');
    expect(h.model!.requests.filter(isSleepRequest)).toHaveLength(1); // no repair was needed
    const learned = (await h.store.getLearned(LAUNCH.key))!;
    expect(learned.summary.length).toBe(LearnedLimits.summaryChars);
    expect(learned.notes.map((n) => n.id)).toEqual(['n1', 'n2']); // the unknown long id became a new note
    expect(learned.notes.every((n) => n.citations.join() === decision.id)).toBe(true);
    expect(learned.notes[1]!.text.length).toBe(LearnedLimits.noteChars);
    expect(learned.questions).toHaveLength(1);
    const [q] = learned.questions;
    expect(q!.citations).toEqual([decision.id]);
    expect(q!.confidence).toBe(1);
    expect(q!.subject!.length).toBeLessThanOrEqual(LearnedLimits.subjectChars);
    expect(q!.paraphrases).toEqual(['When do we ship?']);
    expect(q!.lookalikes).toEqual(['When is the launch party?']);
  });

  it('a reply from a server that leaves out subject, paraphrases and look-alikes still commits', async () => {
    harness = await startHarness({
      reply: (request) => {
        const label = labelOf(promptOf(request).user, 'ship v2.3')!;
        return { json: { summary: 's', notes: [], questions: [{ question: 'When is the launch?', answer: '12 March.', citations: [label], confidence: 0.9 }] } };
      },
    });
    await harness.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    expect((await harness.engine.rethink(LAUNCH.key)).status).toBe('ok');
    const [q] = (await harness.store.getLearned(LAUNCH.key))!.questions;
    expect(q).toMatchObject({ question: 'When is the launch?', subject: '', paraphrases: [], lookalikes: [] });
  });
});

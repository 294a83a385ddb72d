import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTurn, RecordedRequest } from '../fakes/fake-openai.js';
import { LAUNCH, message, startHarness, type Harness } from '../helpers/engine-harness.js';
import { tempDir } from '../helpers/temp-dir.js';
import { isSleepRequest, promptOf, sleepReply, type ScriptedFact } from '../helpers/scripted-sleep-model.js';

const FACTS: ScriptedFact[] = [
  { find: 'ship v2.3 on 12 March', kind: 'decision', note: 'v2.3 ships on 12 March.', question: 'When is the launch?', answer: 'On 12 March.' },
  { find: 'DECISION: venue', kind: 'decision', note: 'The venue is Hall B.' },
];

function model(request: RecordedRequest): FakeTurn {
  if (isSleepRequest(request)) return sleepReply(request, FACTS);
  return { json: { answer: 'I do not know.', citations: [], covered: true } };
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('deleted means gone', () => {
  it('the summary, which paraphrases without citing, is cleared by a deletion', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    const decision = message('We decided to ship v2.3 on 12 March.');
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: decision });
    await h.engine.rethink(LAUNCH.key);
    expect((await h.store.getLearned(LAUNCH.key))?.summary).toContain('12 March');
    await h.engine.ingest({ type: 'delete', channel: LAUNCH.key, id: decision.id });
    expect((await h.store.getLearned(LAUNCH.key))?.summary).toBe('');
  });

  it('a late backfill page or a create that lost the race with its delete cannot bring a message back', async () => {
    harness = await startHarness({ offline: true });
    const h = harness;
    const secret = message('Layoffs of 30 people planned for March.', 'ceo');
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: secret });
    await h.engine.ingest({ type: 'delete', channel: LAUNCH.key, id: secret.id });
    await h.engine.ingestHistory(LAUNCH, [secret]);
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: secret });
    expect(await h.store.getMessage(LAUNCH.key, secret.id)).toBeUndefined();
    const answer = await h.engine.ask({ asker: 'x', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'layoffs in March?' });
    expect(answer.text).not.toContain('30 people');
  });

  it('a deleted question leaves the question log, so it never feeds a pass', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    const question = message('Is carol on a performance improvement plan?', 'dave');
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: question });
    await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: question.text, questionMessageId: question.id });
    expect((await h.store.listQuestions(LAUNCH.key, 0)).map((q) => q.text)).toEqual([question.text]);
    await h.engine.ingest({ type: 'delete', channel: LAUNCH.key, id: question.id });
    expect(await h.store.listQuestions(LAUNCH.key, 0)).toEqual([]);
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('Standup moved to 10:00.') });
    await h.engine.rethink(LAUNCH.key);
    expect(h.model!.requests.filter(isSleepRequest).at(-1)!.rawBody).not.toContain('performance improvement');
  });
});

describe('what the next pass must re-read', () => {
  it('an edit that turns an uncited message into a decision is read by the next pass', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    const chatter = message('lunch anyone?');
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: chatter });
    await h.engine.rethink(LAUNCH.key);
    await h.engine.ingest({ type: 'edit', channel: LAUNCH.key, id: chatter.id, text: 'DECISION: venue is Hall B.', editedTs: chatter.ts + 1 });
    const report = await h.engine.rethink(LAUNCH.key);
    expect(report.status).toBe('ok');
    expect((await h.store.getLearned(LAUNCH.key))?.notes.map((n) => n.text)).toContain('The venue is Hall B.');
  });

  it('the first model pass after offline mode reads the whole history, not from the offline watermark', async () => {
    const storeUrl = `sqlite://${join(tempDir('mull-switch-'), 'mull.sqlite')}`;
    const offline = await startHarness({ offline: true, storeUrl });
    await offline.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    expect((await offline.engine.rethink(LAUNCH.key)).status).toBe('ok');
    await offline.close();
    harness = await startHarness({ reply: model, storeUrl });
    const report = await harness.engine.rethink(LAUNCH.key);
    expect(report.status).toBe('ok');
    expect(report.messagesRead).toBe(1);
    expect((await harness.store.getLearned(LAUNCH.key))?.source).toBe('model');
  });
});

describe('busy channels and huge messages', () => {
  it('a prepared answer is not served when more messages arrived since the pass than the cache checks', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    await h.engine.rethink(LAUNCH.key);
    const filler = Array.from({ length: 520 }, (_, i) => message(`unrelated chatter number ${i}`));
    await h.engine.ingestHistory(LAUNCH, filler);
    const answer = await h.engine.ask({ asker: 'x', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?' });
    expect(answer.path).toBe('warm');
  });

  it('the warm path shows the latest messages and those about the question, not every message since the pass', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    await h.engine.rethink(LAUNCH.key);
    const relevant = message('The venue for the offsite changed to Hall C.');
    const filler = Array.from({ length: 30 }, (_, i) => message(`coffee order number ${i} for the team`));
    await h.engine.ingestHistory(LAUNCH, [relevant, ...filler]);
    await h.engine.ask({ asker: 'x', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'Which venue did we pick?' });
    const { user } = promptOf(h.model!.requests.at(-1)!);
    expect(user).toContain('Hall C');
    expect(user).toContain('coffee order number 29'); // the latest are always there
    expect(user).not.toContain('coffee order number 5 '); // older unrelated ones are not
  });

  it('a 200 KB message is clipped in prompts and does not push out the rest', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('We decided to ship v2.3 on 12 March.') });
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message(`launch log dump ${'x'.repeat(200_000)}`) });
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok');
    const pass = h.model!.requests.filter(isSleepRequest).at(-1)!;
    expect(pass.rawBody.length).toBeLessThan(20_000);
    expect(promptOf(pass).user).toContain('more characters]');
    await h.engine.ask({ asker: 'x', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'what is in the launch log dump?' });
    const asked = h.model!.requests.at(-1)!;
    expect(asked.rawBody.length).toBeLessThan(20_000);
    expect(promptOf(asked).user).toContain('launch log dump');
  });
});

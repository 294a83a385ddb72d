import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTurn, RecordedRequest } from '../fakes/fake-openai.js';
import { LAUNCH, message, startHarness, type Harness } from '../helpers/engine-harness.js';
import { contextOf, isCheckRequest, isSleepRequest, labelOf, noteLabelOf, promptOf, sleepReply, type ScriptedFact } from '../helpers/scripted-sleep-model.js';

const FACTS: ScriptedFact[] = [
  { find: 'ship v2.3 on 12 March', kind: 'decision', note: 'v2.3 ships on 12 March (decided by alice).', question: 'When is the launch?', answer: 'The launch (v2.3) is on 12 March.' },
  { find: 'budget is $40k', kind: 'number', note: 'The launch budget is $40k.' },
];

/** Sleep requests get a pass built from the prompt; answer requests answer about the budget. */
function model(request: RecordedRequest): FakeTurn {
  if (isSleepRequest(request)) return sleepReply(request, FACTS);
  // A check of a prepared answer: this script's launch questions all ask for the date.
  if (isCheckRequest(request)) return { json: { asks_same: true, still_true: true, answer: '', citations: [] } };
  const { user } = promptOf(request);
  const label = labelOf(user, 'budget is $40k') ?? noteLabelOf(user, 'budget is $40k');
  return { json: { answer: 'The launch budget is $40k.', citations: label ? [label] : [], covered: true } };
}

async function seed(h: Harness) {
  const decision = message('We decided to ship v2.3 on 12 March.', 'alice');
  const budget = message('The launch budget is $40k, approved by finance.', 'bob');
  const chatter = message('Morning all, coffee machine is fixed.', 'carol');
  for (const m of [decision, budget, chatter]) await h.engine.ingest({ type: 'message', channel: LAUNCH, message: m });
  return { decision, budget, chatter };
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('engine: pass, then cached and warm answers', () => {
  it('anticipated question is answered from the cache with no model call; another goes warm with the learned prefix', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    const { decision, budget } = await seed(h);

    const report = await h.engine.rethink(LAUNCH.key);
    expect(report.status).toBe('ok');
    expect(report.newNotes).toBe(2);
    expect(report.anticipated).toBe(1);
    expect(report.messagesRead).toBe(3);
    const learned = await h.store.getLearned(LAUNCH.key);
    expect(learned?.watermark?.id).toBe((await h.store.readMessages(LAUNCH.key)).at(-1)!.id);
    expect(learned?.questions[0]?.citations).toEqual([decision.id]);

    const before = h.model!.requests.length;
    const cached = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'when is the launch?' });
    expect(cached.path).toBe('cached');
    expect(h.model!.requests.length).toBe(before); // zero model calls at answer time
    expect(cached.text).toContain('12 March');
    expect(cached.citations.map((c) => c.messageId)).toEqual([decision.id]);
    expect(cached.citations[0]!.excerpt).toContain('ship v2.3');
    expect(cached.thoughtAt).toBe(learned!.committedAt);

    const warm = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'How much money do we have for it?' });
    expect(warm.path).toBe('warm');
    expect(h.model!.requests.length).toBe(before + 1);
    const request = h.model!.requests.at(-1)!;
    expect(request.body.model).toBe('answer-model');
    // The learned notes are quoted material in the user turn, never in the system prompt.
    const { system } = promptOf(request);
    const context = contextOf(request);
    expect(system).not.toContain('$40k');
    expect(context).toContain('<channel_material>');
    expect(context).toContain('The launch budget is $40k.');
    expect(warm.citations.map((c) => c.messageId)).toEqual([budget.id]);

    // The stable prefix is byte-identical on the next warm question, so the provider cache hits.
    await h.engine.ask({ asker: 'erin', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'Who approved the money?' });
    expect(promptOf(h.model!.requests.at(-1)!).system).toBe(system);
    expect(contextOf(h.model!.requests.at(-1)!)).toBe(context);

    const stats = await h.engine.stats();
    expect(stats.answers.cached).toBe(1);
    expect(stats.answers.warm).toBe(2);
    expect(stats.sleepTokens).toBeGreaterThan(0);
    expect(stats.testTokens.prompt).toBeGreaterThan(0);
    expect(stats.testTokens.cached).toBeGreaterThan(0); // the fake reports the repeated prefix as cached
    expect(stats.passes.ok).toBe(1);
  });

  it('streams a warm answer to onPartial as the model writes it', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await seed(h);
    await h.engine.rethink(LAUNCH.key);
    const partials: string[] = [];
    const answer = await h.engine.ask({
      asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'How much money do we have for it?',
      onPartial: (text) => partials.push(text),
    });
    expect(answer.path).toBe('warm');
    expect(h.model!.requests.at(-1)!.body.stream).toBe(true);
    expect(partials.length).toBeGreaterThan(2);
    expect(partials.at(-1)).toBe(answer.text);
    for (let i = 1; i < partials.length; i++) expect(partials[i]!.startsWith(partials[i - 1]!)).toBe(true);
    expect((await h.engine.stats()).testTokens.prompt).toBeGreaterThan(0); // usage still counted when streamed
  });

  it('a message after the pass that touches the subject is never served unchecked: the check amends or sends it warm', async () => {
    // The check reads what it is shown: a newer message moving the date amends the answer.
    const checking = (request: RecordedRequest): FakeTurn => {
      if (!isCheckRequest(request)) return model(request);
      const { user } = promptOf(request);
      const moved = labelOf(user, '19 March');
      return moved
        ? { json: { asks_same: true, still_true: false, answer: 'The launch moved: v2.3 now ships on 19 March.', citations: [moved] } }
        : { json: { asks_same: true, still_true: true, answer: '', citations: [] } };
    };
    harness = await startHarness({ reply: checking });
    const h = harness;
    const { decision } = await seed(h);
    await h.engine.rethink(LAUNCH.key);
    const moved = message('Heads up: the launch moves, v2.3 now ships on 19 March.', 'alice');
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: moved });
    const before = h.model!.requests.length;
    const answer = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?' });
    expect(answer.path).toBe('verified');
    expect(h.model!.requests.length).toBe(before + 1);
    expect(promptOf(h.model!.requests.at(-1)!).user).toContain('19 March');
    expect(answer.text).toContain('19 March');
    expect(answer.citations.map((c) => c.messageId).sort()).toEqual([decision.id, moved.id].sort());
    const afterCheck = await h.engine.stats();
    expect(afterCheck.answers.verified).toBe(1);
    expect(afterCheck.testTokens.prompt).toBeGreaterThan(0); // the check's own tokens are counted

    // A check that finds the question asks something else sends it warm, both calls counted.
    h.model!.setReply((request) =>
      isCheckRequest(request) ? { json: { asks_same: false, still_true: true, answer: '', citations: [] } } : model(request));
    const warm = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?' });
    expect(warm.path).toBe('warm');
    const [check, answerCall] = h.model!.requests.slice(-2);
    expect(isCheckRequest(check!)).toBe(true);
    expect(isCheckRequest(answerCall!)).toBe(false);
    expect(promptOf(answerCall!).user).toContain('19 March');
  });

  it('the next pass is incremental: it reads only what arrived after the watermark', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await seed(h);
    await h.engine.rethink(LAUNCH.key);
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('Who is on call this weekend? I think it is frank.', 'gina') });
    const report = await h.engine.rethink(LAUNCH.key);
    expect(report.status).toBe('ok');
    expect(report.messagesRead).toBe(1);
    const { user } = promptOf(h.model!.requests.at(-1)!);
    expect(user).toContain('on call this weekend');
    expect(user).not.toContain('coffee machine'); // old raw messages are not re-read
    expect(user).toContain('v2.3 ships on 12 March'); // the learned notes are
    expect(user).toContain('# Questions people actually asked'); // question-like messages feed the pass
    const learned = await h.store.getLearned(LAUNCH.key);
    expect(learned?.notes.map((n) => n.id)).toEqual(['n1', 'n2']); // notes kept with their ids
    expect(learned?.version).toBe(2);
  });
});

describe('engine: Anthropic end to end', () => {
  it('a pass through forced tool use with a cached system prefix, then cached and warm answers', async () => {
    harness = await startHarness({ reply: model, provider: 'anthropic', sleep: { model: 'claude-sonnet-4-6' }, answer: { model: 'claude-haiku-4-5' } });
    const h = harness;
    const { decision, budget } = await seed(h);
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok');
    const pass = h.model!.requests[0]!;
    expect(pass.path).toBe('/v1/messages');
    expect(pass.body.tools[0].name).toBe('learned_context');
    expect(pass.body.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect((await h.store.getLearned(LAUNCH.key))?.questions[0]?.citations).toEqual([decision.id]);

    const cached = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?' });
    expect(cached.path).toBe('cached');
    expect(h.model!.requests).toHaveLength(1);

    const warm = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'How much money do we have for it?' });
    expect(warm.path).toBe('warm');
    expect(warm.citations.map((c) => c.messageId)).toEqual([budget.id]);
    expect(h.model!.requests.at(-1)!.body.model).toBe('claude-haiku-4-5');
  });
});

describe('engine: matching by meaning', () => {
  it('with an embedding model, a rephrasing that shares no words with the anticipated question is checked, then served', async () => {
    // Vectors by topic: anything about dates and shipping points one way, everything else another.
    const embed = (text: string) => (/launch|ship|release|go live|date/i.test(text) ? [1, 0.05, 0] : [0, 0.1, 1]);
    harness = await startHarness({ reply: model, embed });
    const h = harness;
    const { decision } = await seed(h);
    await h.engine.rethink(LAUNCH.key);
    const learned = await h.store.getLearned(LAUNCH.key);
    expect(learned?.questions[0]?.embedding).toEqual([1, 0.05, 0]); // embedded at sleep time
    const chats = () => h.model!.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    const before = chats();
    const answer = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'What day do we go live?' });
    // Meaning alone never serves unchecked (a look-alike embeds close too): one compact check.
    expect(answer.path).toBe('verified');
    expect(chats()).toBe(before + 1);
    expect(isCheckRequest(h.model!.requests.at(-1)!)).toBe(true);
    expect(answer.text).toContain('12 March');
    expect(answer.citations.map((c) => c.messageId)).toEqual([decision.id]);
    // Unrelated meaning stays off the cache.
    const other = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'Who fixed the coffee machine?' });
    expect(other.path).not.toBe('cached');
  });
});

describe('engine: edits and deletions', () => {
  it('a deletion purges the message and every inference that cited it; its text never reaches a later prompt or answer', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    const { decision } = await seed(h);
    await h.engine.rethink(LAUNCH.key);
    await h.engine.ingest({ type: 'delete', channel: LAUNCH.key, id: decision.id });

    expect(await h.store.getMessage(LAUNCH.key, decision.id)).toBeUndefined();
    const learned = await h.store.getLearned(LAUNCH.key);
    expect(JSON.stringify(learned)).not.toContain('12 March');
    expect(learned?.questions).toEqual([]);

    const seen = h.model!.requests.length;
    const answer = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?' });
    expect(answer.path).not.toBe('cached');
    expect(answer.citations.map((c) => c.messageId)).not.toContain(decision.id);
    await h.engine.rethink(LAUNCH.key, 'launch date');
    for (const request of h.model!.requests.slice(seen)) expect(request.rawBody).not.toContain('12 March');
  });

  it('an edit drops dependent inferences and the next pass re-reads the edited message', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    const { decision } = await seed(h);
    await h.engine.rethink(LAUNCH.key);
    await h.engine.ingest({ type: 'edit', channel: LAUNCH.key, id: decision.id, ts: decision.ts, text: 'We decided to ship v2.3 on 26 March.', editedTs: decision.ts + 5_000 });
    expect((await h.store.getMessage(LAUNCH.key, decision.id))?.text).toContain('26 March');
    const learned = await h.store.getLearned(LAUNCH.key);
    expect(learned?.questions).toEqual([]);
    expect(learned?.rework).toContain(decision.id);
    const report = await h.engine.rethink(LAUNCH.key);
    expect(report.status).toBe('ok');
    expect(promptOf(h.model!.requests.at(-1)!).user).toContain('# Messages to re-read');
    expect(promptOf(h.model!.requests.at(-1)!).user).toContain('26 March');
  });
});

describe('engine: failures', () => {
  it('a malformed reply gets one repair attempt; two bad replies fail the pass cleanly and keep the old context', async () => {
    let calls = 0;
    harness = await startHarness({
      reply: (request) => {
        calls++;
        if (calls === 1) return sleepReply(request, FACTS);
        return { text: '{"summary": 42, "notes": "oops"' }; // not the schema, not even JSON
      },
    });
    const h = harness;
    await seed(h);
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok');
    const before = await h.store.getLearned(LAUNCH.key);
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('New: the venue is Hall B.', 'bob') });
    const failed = await h.engine.rethink(LAUNCH.key);
    expect(failed.status).toBe('failed');
    expect(failed.reason).toMatch(/schema|JSON/i);
    expect(calls).toBe(3); // the pass, then the failing pass and its one repair
    const repair = h.model!.requests.at(-1)!;
    expect(promptOf(repair).user).toContain('did not match the required format');
    expect(await h.store.getLearned(LAUNCH.key)).toEqual(before);
    expect((await h.engine.stats()).passes.failed).toBe(1);
  });

  it('a repaired reply commits', async () => {
    let calls = 0;
    harness = await startHarness({ reply: (request) => (++calls === 1 ? { json: { summary: 'x', notes: [{ id: 'new' }] } } : sleepReply(request, FACTS)) });
    await seed(harness);
    expect((await harness.engine.rethink(LAUNCH.key)).status).toBe('ok');
    expect(calls).toBe(2);
  });

  it('a pass that dies midway keeps what it committed and resumes from the old watermark', async () => {
    let calls = 0;
    harness = await startHarness({
      // A tiny window forces one model call per message.
      sleep: { windowTokens: 20 },
      reply: (request) => (++calls === 2 ? { status: 500 } : sleepReply(request, FACTS)),
    });
    const h = harness;
    const { decision, budget } = await seed(h);
    const first = await h.engine.rethink(LAUNCH.key);
    expect(first.status).toBe('failed');
    const learned = await h.store.getLearned(LAUNCH.key);
    expect(learned?.watermark?.id).toBe(decision.id); // chunk 1 committed with its watermark, chunk 2 not
    const second = await h.engine.rethink(LAUNCH.key);
    expect(second.status).toBe('ok');
    expect(second.messagesRead).toBe(2);
    expect(promptOf(h.model!.requests.at(-2)!).user).toContain(budget.text);
    expect((await h.store.getLearned(LAUNCH.key))?.notes.map((n) => n.text).sort()).toEqual([
      'The launch budget is $40k.',
      'v2.3 ships on 12 March (decided by alice).',
    ]);
  });

  it('after a restart, channels with unread messages get their pass again (resumePending)', async () => {
    harness = await startHarness({ reply: model, sleep: { quietMinutes: 0.005 } });
    const h = harness;
    await h.store.putChannel(LAUNCH);
    // Written straight to the store, as if the process died before any pass ran.
    await h.store.putMessages(LAUNCH.key, [message('We decided to ship v2.3 on 12 March.', 'alice')]);
    expect(await h.engine.resumePending()).toEqual([LAUNCH.key]);
    for (let i = 0; i < 50 && !(await h.store.getLearned(LAUNCH.key)); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await h.store.getLearned(LAUNCH.key))?.version).toBe(1);
  });

  it('a provider outage at answer time still answers, from the history, and says why', async () => {
    harness = await startHarness({ reply: { status: 503 } });
    await seed(harness);
    const answer = await harness.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'what is the budget?' });
    expect(answer.notice).toMatch(/unavailable/);
    expect(answer.text).toContain('$40k');
  });
});

describe('engine: single flight, budget, schedules', () => {
  it('concurrent triggers run one pass and queue exactly one follow-up', async () => {
    harness = await startHarness({ reply: (request) => ({ ...sleepReply(request, FACTS), delayMs: 200 }) });
    const h = harness;
    await seed(h);
    const first = h.engine.rethink(LAUNCH.key);
    await new Promise((r) => setTimeout(r, 50));
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('The budget is $40k plus 10% contingency.', 'bob') });
    const followers = Array.from({ length: 10 }, () => h.engine.rethink(LAUNCH.key));
    const reports = await Promise.all([first, ...followers]);
    expect(reports.every((r) => r.status === 'ok')).toBe(true);
    expect(h.model!.requests.filter(isSleepRequest)).toHaveLength(2);
  });

  it('the daily token budget stops passes but not answers, and stats say so', async () => {
    harness = await startHarness({ reply: model, sleep: { dailyTokenBudget: 10 } });
    const h = harness;
    await seed(h);
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok'); // spends past the cap
    await h.engine.ingest({ type: 'message', channel: LAUNCH, message: message('Venue is Hall B.', 'bob') });
    const skipped = await h.engine.rethink(LAUNCH.key);
    expect(skipped.status).toBe('skipped');
    expect(skipped.reason).toMatch(/budget/);
    const stats = await h.engine.stats();
    expect(stats.budget.exhausted).toBe(true);
    expect(stats.budget.dailyLimit).toBe(10);
    const answer = await h.engine.ask({ asker: 'dave', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'When is the launch?' });
    expect(answer.path).toBe('cached');
  });

  it('a channel that goes quiet after activity gets a pass', async () => {
    harness = await startHarness({ reply: model, sleep: { quietMinutes: 0.005 } }); // 300 ms
    const h = harness;
    await seed(h);
    for (let i = 0; i < 50 && !(await h.store.getLearned(LAUNCH.key)); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await h.store.getLearned(LAUNCH.key))?.version).toBe(1);
    expect(h.model!.requests.filter(isSleepRequest)).toHaveLength(1);
  });

  it('the nightly sweep passes only channels with new activity', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await seed(h);
    const other = { ...LAUNCH, key: 'console:local:random', id: 'random', name: 'random' };
    await h.engine.ingest({ type: 'message', channel: other, message: message('Lunch at noon?', 'hal') });
    await h.engine.rethink(LAUNCH.key);
    const before = h.model!.requests.length;
    await h.engine.runNightlyNow();
    const swept = h.model!.requests.slice(before).filter(isSleepRequest);
    expect(swept).toHaveLength(1);
    expect(promptOf(swept[0]!).user).toContain('Channel: #random');
  });
});

describe('engine: privacy', () => {
  it('an answer never draws on a channel outside the scope it was given', async () => {
    harness = await startHarness({ reply: model });
    const h = harness;
    await seed(h);
    const secret = { ...LAUNCH, key: 'console:local:leadership', id: 'leadership', name: 'leadership', isPrivate: true };
    await h.engine.ingest({ type: 'message', channel: secret, message: message('Confidential: the launch budget is secretly $90k.', 'ceo') });
    await h.engine.rethink(LAUNCH.key);
    await h.engine.rethink(secret.key);
    const seen = h.model!.requests.length;
    const answer = await h.engine.ask({ asker: 'dave', askedIn: 'console:local:dm-dave', scope: [LAUNCH.key], question: 'What is the launch budget?' });
    expect(answer.channelsUsed).toEqual([LAUNCH.key]);
    expect(answer.citations.every((c) => c.channel === LAUNCH.key)).toBe(true);
    for (const request of h.model!.requests.slice(seen)) expect(request.rawBody).not.toContain('90k');
  });
});

describe('engine: offline mode', () => {
  it('mines an answered thread and quotes it, saying plainly that no model is configured', async () => {
    harness = await startHarness({ offline: true });
    const h = harness;
    const question = message('Who owns the billing service?', 'ivan');
    const reply = message('Billing is owned by the payments team, Judy is the lead.', 'judy', { threadId: question.id });
    for (const m of [question, reply]) await h.engine.ingest({ type: 'message', channel: LAUNCH, message: m });
    expect((await h.engine.rethink(LAUNCH.key)).status).toBe('ok');
    const answer = await h.engine.ask({ asker: 'kim', askedIn: LAUNCH.key, scope: [LAUNCH.key], question: 'who owns billing?' });
    expect(answer.path).toBe('offline');
    expect(answer.text).toContain('Judy is the lead');
    expect(answer.citations.map((c) => c.messageId)).toContain(reply.id);
    expect(answer.citations.find((c) => c.messageId === reply.id)?.threadId).toBe(question.id); // links open the thread
    expect(answer.notice).toMatch(/No model is configured/);
  });
});

import { expect, it } from 'vitest';
import type { LearnedContext } from '../../src/core/types.js';
import { COMMON_IN_CHANNEL } from '../../src/store/message-search.js';
import { BASE_TS, CHANNEL, learned, message, OTHER, useStores, type StoreTarget } from './suite-harness.js';

/** Full-text search, deletions with their purge, and what a learned context keeps. Call inside a describe block. */
export function searchSuite(target: StoreTarget): void {
  const open = useStores(target);

  it('searches one channel, ranked, by word stems', async () => {
    const { store } = await open();
    await store.putMessages(CHANNEL, [
      message('a', BASE_TS + 1, 'The launch date moved to March 3rd'),
      message('b', BASE_TS + 2, 'lunch is at noon'),
      message('c', BASE_TS + 3, 'launching the billing dashboard: launch launch'),
      message('d', BASE_TS + 4, 'nothing to see here'),
    ]);
    await store.putMessages(OTHER, [message('x', BASE_TS, 'the launch is secret in this other channel')]);

    const hits = await store.searchMessages(CHANNEL, ['launch'], 10);
    expect(hits.map((hit) => hit.id).sort()).toEqual(['a', 'c']);
    // The message that says it three times ranks first; scores fall.
    expect(hits[0]!.id).toBe('c');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    expect(hits[0]!.ts).toBe(BASE_TS + 3);
    // Stems: "launches" finds "launch" and "launching"; a mere prefix does not match.
    expect((await store.searchMessages(CHANNEL, ['launches'], 10)).map((hit) => hit.id).sort()).toEqual(['a', 'c']);
    expect(await store.searchMessages(CHANNEL, ['dash'], 10)).toEqual([]);
    // Any of several terms matches.
    expect((await store.searchMessages(CHANNEL, ['noon', 'march'], 10)).map((hit) => hit.id).sort()).toEqual(['a', 'b']);
    expect(await store.searchMessages(CHANNEL, ['launch'], 1)).toHaveLength(1);
    // Query syntax in the terms is text, not operators.
    expect(await store.searchMessages(CHANNEL, ['"launch" OR chan:*', 'NEAR('], 10)).not.toHaveLength(0);
    expect(await store.searchMessages(CHANNEL, [], 10)).toEqual([]);
    expect(await store.searchMessages(CHANNEL, ['zebra'], 10)).toEqual([]);
    expect((await store.searchMessages(OTHER, ['launch'], 10)).map((hit) => hit.id)).toEqual(['x']);
  });

  it('in a large channel, a word in more than COMMON_IN_CHANNEL messages does not make every one of them a hit', async () => {
    const { store } = await open();
    const common = Array.from({ length: COMMON_IN_CHANNEL + 50 }, (_, i) => message(`s${i}`, BASE_TS + 10 + i, `status update number ${i}`));
    await store.putMessages(CHANNEL, [
      message('o1', BASE_TS + 1, 'Orion ships on 4 May'),
      message('o2', BASE_TS + 2, 'status of Orion: green'),
      message('o3', BASE_TS + 3, 'who reviews orion?'),
      ...common,
    ]);
    await store.putMessages(OTHER, [message('x', BASE_TS, 'orion status elsewhere')]);
    const hits = await store.searchMessages(CHANNEL, ['status', 'orion'], 10);
    // Only what the uncommon word matches is ranked: the common word's 2,051 matches are not
    // scored, and cannot crowd out the word asked about (PostgreSQL's ts_rank has no IDF).
    expect(hits.map((hit) => hit.id).sort()).toEqual(['o1', 'o2', 'o3']);
    // Of those, the one that also says the common word comes first.
    expect(hits[0]!.id).toBe('o2');
    // A query of common words alone ranks the newest matches.
    const newest = await store.searchMessages(CHANNEL, ['status'], 5);
    expect(newest).toHaveLength(5);
    expect(Math.min(...newest.map((hit) => hit.ts))).toBeGreaterThan(BASE_TS + 10 + 50);
  });

  it('finds the channels whose newest messages mention the words, most matches first, only among those given', async () => {
    const { store } = await open();
    const third = 'slack:T1:C3';
    await store.putMessages(CHANNEL, [message('a', BASE_TS + 1, 'payroll runs on the 25th'), message('b', BASE_TS + 2, 'payroll moved')]);
    await store.putMessages(OTHER, [message('c', BASE_TS + 3, 'the payroll export is late')]);
    await store.putMessages(third, [message('d', BASE_TS + 4, 'payroll in the third channel')]);
    expect(await store.channelsMentioning([CHANNEL, OTHER], ['payroll'])).toEqual([{ channel: CHANNEL, matches: 2 }, { channel: OTHER, matches: 1 }]);
    expect(await store.channelsMentioning([CHANNEL, OTHER], ['zebra'])).toEqual([]);
    expect(await store.channelsMentioning([CHANNEL], [])).toEqual([]);
    expect(await store.channelsMentioning([], ['payroll'])).toEqual([]);
  });

  it('keeps the search index in step with edits and deletions', async () => {
    const { store } = await open();
    await store.putMessages(CHANNEL, [message('a', 1, 'the rollout is on Friday'), message('b', 2, 'rollout owner is Ada')]);
    await store.editMessage(CHANNEL, 'a', 'the release is on Friday', 10);
    expect((await store.searchMessages(CHANNEL, ['rollout'], 10)).map((hit) => hit.id)).toEqual(['b']);
    expect((await store.searchMessages(CHANNEL, ['release'], 10)).map((hit) => hit.id)).toEqual(['a']);
    await store.deleteMessage(CHANNEL, 'b');
    expect(await store.searchMessages(CHANNEL, ['rollout', 'ada'], 10)).toEqual([]);
    // A re-put that changes the text re-indexes it.
    await store.putMessages(CHANNEL, [message('a', 1, 'the rollout is back')]);
    expect((await store.searchMessages(CHANNEL, ['rollout'], 10)).map((hit) => hit.id)).toEqual(['a']);
  });

  it('applies a deletion in one go: message, tombstone, questions asked, dependent inferences', async () => {
    const { store } = await open();
    await store.putMessages(CHANNEL, [message('m1', 1, 'the launch is on March 3'), message('m2', 2, 'when is the launch?')]);
    await store.logQuestion({ channel: CHANNEL, text: 'when is the launch?', ts: 2, origin: 'channel', messageId: 'm2' });
    const context: LearnedContext = {
      ...learned(1),
      notes: [{ id: 'n1', kind: 'date', text: 'launch March 3', citations: ['m1'] }, { id: 'n2', kind: 'fact', text: 'other', citations: ['m9'] }],
    };
    await store.commitLearned(context, 0);

    const removed = await store.applyDeletion(CHANNEL, 'm1', {
      at: 100,
      purge: (current) => ({ ...current, notes: current.notes.filter((note) => !note.citations.includes('m1')) }),
    });
    expect(removed).toEqual(message('m1', 1, 'the launch is on March 3'));
    expect(await store.getMessage(CHANNEL, 'm1')).toBeUndefined();
    expect([...(await store.deletedIds(CHANNEL))]).toEqual(['m1']);
    const after = await store.getLearned(CHANNEL);
    expect(after?.version).toBe(2);
    expect(after?.notes.map((note) => note.id)).toEqual(['n2']);
    expect(await store.searchMessages(CHANNEL, ['march'], 10)).toEqual([]);

    await store.applyDeletion(CHANNEL, 'm2', { at: 101 });
    expect(await store.listQuestions(CHANNEL, 0)).toEqual([]);
    // Unknown ids still leave a tombstone (a delete can arrive before its create), idempotently.
    expect(await store.applyDeletion(CHANNEL, 'm3', { at: 102 })).toBeUndefined();
    expect(await store.applyDeletion(CHANNEL, 'm3', { at: 103 })).toBeUndefined();
    expect([...(await store.deletedIds(CHANNEL))].sort()).toEqual(['m1', 'm2', 'm3']);
    expect(await store.deletedIds(OTHER)).toEqual(new Set());
  });

  it('rolls a deletion back whole when its purge fails', async () => {
    const { store } = await open();
    await store.putMessages(CHANNEL, [message('m1', 1, 'keep me')]);
    await store.commitLearned(learned(1), 0);
    const failed = await store
      .applyDeletion(CHANNEL, 'm1', { at: 5, purge: () => { throw new Error('purge broke'); } })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(await store.getMessage(CHANNEL, 'm1')).toBeDefined();
    expect(await store.deletedIds(CHANNEL)).toEqual(new Set());
  });

  it('round-trips every field of notes and anticipated questions, including ones it does not index', async () => {
    const { store } = await open();
    const context: LearnedContext = {
      ...learned(1),
      model: 'gpt-5',
      source: 'model',
      rework: ['m7'],
      watermark: null,
      notes: [{ id: 'n1', kind: 'owner', text: 'Ada owns billing', citations: ['m1', 'm2'], stale: true }],
      questions: [
        {
          id: 'q1',
          question: 'Who owns billing?',
          answer: 'Ada.',
          citations: ['m1'],
          confidence: 0.9,
          stale: false,
          subject: 'billing owner',
          paraphrases: ['Whose is billing?', 'billing owner?'],
          lookalikes: ['Who owns the billing dashboard?'],
          embedding: [0.125, -0.5, 1e-7],
          paraphraseEmbeddings: [[0.1, 0.2], [0.3, 0.4]],
          lookalikeEmbeddings: [[-1, 1]],
          // A field a later version of the pass may add: kept as written.
          ...({ verifiedAt: 123 } as object),
        },
        { id: 'q2', question: 'When is the launch?', answer: 'March 3.', citations: [], confidence: 0.4 },
      ],
    };
    await store.commitLearned(context, 0);
    expect(await store.getLearned(CHANNEL)).toEqual(context);
    // Read without vectors: everything else, no embedding of any kind.
    const { embedding: _e, paraphraseEmbeddings: _p, lookalikeEmbeddings: _l, ...bare } = context.questions[0]!;
    expect(await store.getLearned(CHANNEL, { vectors: false })).toEqual({ ...context, questions: [bare, context.questions[1]] });
    // The questions' own vectors alone, for ranking channels by meaning; none for other channels.
    expect(await store.questionEmbeddings([CHANNEL, OTHER])).toEqual([{ channel: CHANNEL, id: 'q1', embedding: [0.125, -0.5, 1e-7] }]);
    expect(await store.questionEmbeddings([])).toEqual([]);
    // A smaller context replaces the whole list.
    await store.commitLearned({ ...context, version: 2, questions: [context.questions[1]!], notes: [] }, 1);
    expect(await store.getLearned(CHANNEL)).toEqual({ ...context, version: 2, questions: [context.questions[1]], notes: [] });
  });
}

import { describe, expect, it } from 'vitest';
import { scoreMatch } from '../../src/answer/anticipated-match.js';
import { linksNotIn } from '../../src/answer/carried-links.js';
import { fitOf } from '../../src/answer/prepared-fit.js';
import { touchingSince } from '../../src/answer/staleness.js';
import type { AnticipatedQuestion, LearnedContext, StoredMessage } from '../../src/core/types.js';

const learned = { channel: 'console:local:c', version: 1, source: 'model' } as LearnedContext;
const prepared = (q: Partial<AnticipatedQuestion> & Pick<AnticipatedQuestion, 'question' | 'answer'>): AnticipatedQuestion => ({
  id: 'q1', citations: ['1'], confidence: 0.9, ...q,
});
const launch = prepared({ question: 'When is the launch date?', subject: 'launch date', answer: 'v2.3 ships on Friday 21 February.', paraphrases: ['When do we ship?'] });
const billing = prepared({ question: 'Who owns billing?', subject: 'owner of billing', answer: 'Dana owns billing.', paraphrases: ['Who is responsible for billing?'] });
const pro = prepared({ question: 'How much is the Pro plan?', subject: 'Pro plan price', answer: '$12 per seat.', paraphrases: ['What does Pro cost?'], lookalikes: ['How much is the Enterprise plan?'] });
const fit = (q: AnticipatedQuestion, asked: string) => fitOf(asked, scoreMatch(asked, q, learned));

describe('fitOf: which prepared answer a question may be served', () => {
  it.each([
    [launch, 'When is the launch date?', 'serve'],
    [launch, 'when do we ship?', 'serve'],
    [launch, 'When was the launch date first proposed?', 'check'],
    [launch, 'When is the launch party?', 'check'],
    [billing, 'Who is responsible for billing?', 'serve'],
    [billing, 'Who owns the billing dashboard design?', 'check'],
    [billing, 'Who owned billing before Dana?', 'check'],
    [billing, 'When is billing due?', 'none'],
    [pro, 'How much is the Enterprise plan?', 'none'],
    [pro, 'How much is the Pro plan per seat?', 'check'],
    [pro, 'What is the weather like?', 'none'],
  ] as const)('%#: "%s"', (q, asked, expected) => {
    expect(fit(q, asked)).toBe(expected);
  });

  it('a look-alike wording only counts when the question uses its distinguishing words', () => {
    const q = prepared({ question: 'Which Postgres version do we run?', answer: '15', lookalikes: ['What Postgres version did we run before?'] });
    expect(fit(q, 'what postgres version do we run?')).toBe('serve');
    expect(fit(q, 'what postgres version did we run before?')).toBe('none');
  });
});

let n = 0;
const said = (text: string, extra: Partial<StoredMessage> = {}): StoredMessage => ({ id: String(++n), ts: n, user: 'u', text, ...extra });

describe('touchingSince: staleness by subject, not by digits', () => {
  it.each([
    [launch, 'Heads up: the launch moves to 28 February.', true],
    [launch, 'The launch slips, v2.3 ships a week later.', true],
    [launch, "We're postponing the launch indefinitely.", true],
    [launch, 'is the launch still on the 21st or did it move to the 28th?', true],
    [launch, 'launch party was fun', true],
    [launch, 'when is the launch date?', false],
    [launch, 'lunch at 12:15?', false],
    [billing, 'Billing moved to the finance team.', true],
    [billing, 'Dana is no longer on billing', true],
    [billing, 'who owns billing?', false],
    [billing, 'who owns billing now?', true],
    [billing, 'The coffee machine is fixed.', false],
  ] as const)('%#: "%s" -> %s', (q, text, touched) => {
    expect(touchingSince(q, [said(text)]).length > 0).toBe(touched);
  });

  it('the answer and the messages it cites name the subject in the channel\'s own words', () => {
    const oncall = prepared({ question: 'Who is responsible for on-call?', subject: 'on-call owner', answer: 'Omar has the pager this week.' });
    const swap = said('Swap: Lena is taking the pager from Omar for the rest of the week.');
    expect(touchingSince({ ...oncall, answer: 'See the rota.' }, [swap])).toHaveLength(0);
    expect(touchingSince(oncall, [swap])).toHaveLength(1);
    expect(touchingSince({ ...oncall, answer: 'See the rota.' }, [swap], new Set(), ['On-call this week: Omar has the pager.'])).toHaveLength(1);
  });

  it('a reply in a thread the answer cites touches it whatever it says; the question message itself never does', () => {
    expect(touchingSince(billing, [said('cancelled, see above', { threadId: '1' })])).toHaveLength(1);
    const question = said('Heads up: who owns billing after the move?');
    expect(touchingSince(billing, [question], new Set([question.id]))).toHaveLength(0);
  });
});

describe('linksNotIn: links and mentions an answer carries that its sources lack', () => {
  it('finds URLs and mentions missing from the cited messages', () => {
    const sources = ['Docs are at https://docs.acme.test/launch, ask <@U123>.'];
    expect(linksNotIn('See https://docs.acme.test/launch.', sources)).toEqual([]);
    expect(linksNotIn('See https://evil.test/x and ask <@U123>', sources)).toEqual(['https://evil.test/x']);
    expect(linksNotIn('Ping <!channel> and @everyone', sources)).toEqual(['<!channel>', '@everyone']);
  });
});

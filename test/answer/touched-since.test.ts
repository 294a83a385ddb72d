import { describe, expect, it } from 'vitest';
import { touchedSince, type AnticipatedMatch } from '../../src/answer/anticipated-match.js';
import type { StoredMessage } from '../../src/core/types.js';

const match = {
  question: { id: 'q1', question: 'When is the launch?', answer: 'v2.3 ships on Friday 21 February.', citations: ['m'], confidence: 0.9 },
  learned: {} as AnticipatedMatch['learned'],
  similarity: 1,
} satisfies AnticipatedMatch;

let n = 0;
const said = (text: string): StoredMessage => ({ id: String(++n), ts: n, user: 'u', text });

describe('touchedSince: does a newer message change a prepared answer?', () => {
  it.each([
    ['Heads up: the launch moves to 28 February.', true],
    ['The launch slips, v2.3 ships a week later.', true],
    ['is the launch still on the 21st or did it move to the 28th?', true],
    ['launch party was fun', false],
    ['when is the launch?', false],
    ['When is the launch? (asking for Q2 planning)', false],
    ['lunch at 12:15?', false],
  ])('%s -> %s', (text, touched) => {
    expect(touchedSince(match, [said(text)])).toBe(touched);
  });

  it('ignores the question message itself', () => {
    const question = said('Heads up: when is the launch, the 28th?');
    expect(touchedSince(match, [question], new Set([question.id]))).toBe(false);
  });
});

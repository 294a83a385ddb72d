import { describe, expect, it } from 'vitest';
import { partialAnswer } from '../../src/answer/partial-answer.js';

describe('partialAnswer', () => {
  const full = JSON.stringify({ answer: 'Line one\n"quoted" \\ café ✓', citations: ['m1'], covered: true });

  it('decodes the answer field at every cut of the JSON, never running ahead of it', () => {
    let previous = '';
    for (let cut = 0; cut <= full.length; cut++) {
      const partial = partialAnswer(full.slice(0, cut));
      if (partial === null) continue;
      expect(partial.startsWith(previous)).toBe(true);
      previous = partial;
    }
    expect(previous).toBe('Line one\n"quoted" \\ café ✓');
  });

  it('is null before the field starts, and finds the field wherever it is', () => {
    expect(partialAnswer('{"covered": true, "ans')).toBeNull();
    expect(partialAnswer('{"covered": true, "answer": "ok"}')).toBe('ok');
    expect(partialAnswer('{"answer": "caf\\u00e')).toBe('caf');
  });
});

import { describe, expect, it } from 'vitest';
import { openFenceAtEnd, splitMessage } from '../../src/adapters/slack/split-message.js';

const fences = (s: string) => (s.match(/^\s*```/gm) ?? []).length;

describe('splitMessage', () => {
  it('leaves short text alone', () => {
    expect(splitMessage('hello', 100)).toEqual(['hello']);
  });

  it('splits at paragraph breaks first', () => {
    const a = 'a'.repeat(60);
    const b = 'b'.repeat(60);
    expect(splitMessage(`${a}\n\n${b}`, 100)).toEqual([a, b]);
  });

  it('then at line breaks, then at spaces, then anywhere', () => {
    expect(splitMessage(`${'a'.repeat(60)}\n${'b'.repeat(60)}`, 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const chunks = splitMessage(words, 64);
    expect(chunks.join(' ')).toBe(words);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(64);
    expect(splitMessage('x'.repeat(250), 100).join('')).toBe('x'.repeat(250));
  });

  it('closes a code fence at the cut and reopens it, with its language, in the next chunk', () => {
    const code = '```ts\n' + Array.from({ length: 60 }, (_, i) => `const v${i} = ${i};`).join('\n') + '\n```\nafter';
    const chunks = splitMessage(code, 300);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(300);
      expect(fences(chunk) % 2).toBe(0);
      expect(openFenceAtEnd(chunk)).toBeUndefined();
    }
    expect(chunks[1].startsWith('```ts\n')).toBe(true);
    expect(chunks.at(-1)?.endsWith('after')).toBe(true);
    // Nothing lost: joining the chunks without the added fences gives the code back.
    const lines = chunks.join('\n').split('\n').filter((l) => l.startsWith('const'));
    expect(lines).toHaveLength(60);
  });

  it('does not split an emoji in half on a hard cut', () => {
    const chunks = splitMessage('😀'.repeat(100), 41);
    for (const chunk of chunks) expect(chunk).not.toMatch(/[\uD800-\uDBFF]$/);
    expect(chunks.join('')).toBe('😀'.repeat(100));
  });
});

import { describe, expect, it } from 'vitest';
import { DISCORD_MESSAGE_LIMIT, splitMessage } from '../../src/adapters/discord/split-message.js';

const fences = (chunk: string) => chunk.split('```').length - 1;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('splitMessage', () => {
  it('leaves a short message alone', () => {
    expect(splitMessage('hello')).toEqual(['hello']);
    expect(splitMessage('')).toEqual(['']);
  });

  it('cuts at paragraph breaks first, and loses nothing but the break', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `${i} `.padEnd(400, 'x'));
    const chunks = splitMessage(paragraphs.join('\n\n'));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(DISCORD_MESSAGE_LIMIT);
    expect(chunks.join('\n\n')).toBe(paragraphs.join('\n\n'));
    for (const chunk of chunks) expect(chunk.startsWith('\n') || chunk.endsWith('\n')).toBe(false);
  });

  it('falls back to line breaks, then spaces, then a hard cut', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i} `.padEnd(70, '-'));
    const byLine = splitMessage(lines.join('\n'), 500);
    expect(byLine.join('\n')).toBe(lines.join('\n'));
    for (const chunk of byLine) expect(chunk.length).toBeLessThanOrEqual(500);

    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const byWord = splitMessage(words, 200);
    expect(byWord.join(' ')).toBe(words);
    for (const chunk of byWord) expect(chunk.length).toBeLessThanOrEqual(200);

    const blob = 'a'.repeat(4_500);
    const hard = splitMessage(blob);
    expect(hard.join('')).toBe(blob);
    expect(hard.map((c) => c.length).every((n) => n <= DISCORD_MESSAGE_LIMIT)).toBe(true);
  });

  it('never cuts a surrogate pair in half', () => {
    // 3,001 UTF-16 code units; the leading "a" puts every pair across an odd/even boundary.
    const text = `a${'😀'.repeat(1_500)}`;
    const chunks = splitMessage(text);
    expect(chunks.length).toBe(2);
    expect(chunks.join('')).toBe(text);
    for (const chunk of chunks) expect(chunk).not.toMatch(LONE_SURROGATE);
  });

  it('closes a code block at a cut and reopens it with its language', () => {
    const code = Array.from({ length: 200 }, (_, i) => `  let x${i} = ${i}; // indented`).join('\n');
    const text = `Here is the script:\n\n\`\`\`python\n${code}\n\`\`\`\n\nDone.`;
    const chunks = splitMessage(text);
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(DISCORD_MESSAGE_LIMIT);
      expect(fences(chunk) % 2).toBe(0);
    }
    for (const chunk of chunks.slice(1, -1)) expect(chunk.startsWith('```python\n')).toBe(true);
    expect(chunks.at(-1)).toContain('Done.');
    // Every code line survives, indentation included.
    const all = chunks.join('\n');
    for (let i = 0; i < 200; i++) expect(all).toContain(`  let x${i} = ${i}; // indented`);
  });

  it('does not reopen a block that closes right at the cut', () => {
    const body = 'x'.repeat(1_990);
    const chunks = splitMessage(`\`\`\`\n${body}\n\`\`\`\nafter`);
    expect(chunks).toEqual([`\`\`\`\n${body}\n\`\`\``, 'after']);
  });

  it('reopens an inline-opened block as plain code', () => {
    const text = `Run \`\`\`${'y '.repeat(1_200)}\`\`\` then stop.`;
    const chunks = splitMessage(text);
    expect(chunks.length).toBe(2);
    for (const chunk of chunks) expect(fences(chunk) % 2).toBe(0);
    expect(chunks[1]!.startsWith('```\n')).toBe(true);
  });

  it('makes progress on a fence followed by an unbreakable line', () => {
    const chunks = splitMessage(`\`\`\`ts\n${'z'.repeat(5_000)}\n\`\`\``);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(DISCORD_MESSAGE_LIMIT);
      expect(fences(chunk) % 2).toBe(0);
    }
    expect(chunks.join('').replace(/```ts\n|\n```/g, '')).toBe('z'.repeat(5_000));
  });
});

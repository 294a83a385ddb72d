import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/core/errors.js';
import type { ExportSource } from '../../src/import/export-source.js';
import { readAhead } from '../../src/import/read-ahead.js';

/** A source of files of given sizes that records what was read and what is being held. */
function source(sizes: Record<string, number>, failing = new Set<string>()) {
  const reads: string[] = [];
  const src: ExportSource = {
    label: 'test',
    files: () => Object.keys(sizes),
    size: (path) => sizes[path]!,
    describe: (path) => path,
    async read(path) {
      reads.push(path);
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (failing.has(path)) throw new ImportError('damaged', { file: path });
      return Buffer.alloc(sizes[path]!, 1);
    },
    close: async () => undefined,
  };
  return { src, reads };
}

describe('readAhead', () => {
  it('reads the next small files while the current one is used, never more than its byte budget ahead', async () => {
    const { src, reads } = source({ a: 10, b: 10, c: 10, d: 10, e: 10 });
    const ahead = readAhead(src, ['a', 'b', 'c', 'd', 'e'], 25);
    expect((await ahead.read('a')).length).toBe(10);
    // a was asked for; b and c (20 bytes) fit the 25-byte budget, d would not.
    expect(reads).toEqual(['a', 'b', 'c']);
    await ahead.read('b');
    expect(reads).toEqual(['a', 'b', 'c', 'd']);
    for (const path of ['c', 'd', 'e']) expect((await ahead.read(path)).length).toBe(10);
    // Each file read once, in order.
    expect(reads).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('never reads ahead a file larger than the budget; it is read when asked for', async () => {
    const { src, reads } = source({ a: 1, big: 100, c: 1 });
    const ahead = readAhead(src, ['a', 'big', 'c'], 50);
    await ahead.read('a');
    expect(reads).toEqual(['a']);
    await ahead.read('big');
    expect(reads).toEqual(['a', 'big', 'c']);
  });

  it('a file that fails while read ahead fails for whoever asks for it, naming it', async () => {
    const { src } = source({ a: 1, bad: 1 }, new Set(['bad']));
    const ahead = readAhead(src, ['a', 'bad'], 50);
    await ahead.read('a');
    await new Promise((resolve) => setTimeout(resolve, 10)); // the failed read settles unobserved first
    await expect(ahead.read('bad')).rejects.toThrow(/damaged/);
  });

  it('a file outside the planned order is read as asked, and starts nothing ahead', async () => {
    const { src, reads } = source({ a: 1, other: 1 });
    const ahead = readAhead(src, ['a'], 50);
    await ahead.read('other');
    expect(reads).toEqual(['other']);
  });
});

import type { ExportSource } from './export-source.js';

/** Raw bytes read ahead at most. @unit bytes */
export const READ_AHEAD_BYTES = 4 * 1024 * 1024;

/**
 * The same source, reading the next files of a planned order while the current one is parsed and
 * written: an export of a thousand small day files otherwise waits on the disk for each in turn
 * (a fifth of a 100,000-message import's time went to waiting). Bounded: at most `aheadBytes` of
 * raw bytes are held ahead (sizes are known before reading), and a file larger than that is only
 * read when asked for, so memory stays what the per-file cap makes it.
 */
export function readAhead(source: ExportSource, order: readonly string[], aheadBytes = READ_AHEAD_BYTES): ExportSource {
  const position = new Map(order.map((path, i) => [path, i]));
  const pending = new Map<string, Promise<Buffer>>();
  let pendingBytes = 0;
  let next = 0;
  const take = (path: string): Promise<Buffer> | undefined => {
    const read = pending.get(path);
    if (read) {
      pending.delete(path);
      pendingBytes -= source.size(path);
    }
    return read;
  };
  const fill = (from: number) => {
    next = Math.max(next, from);
    while (next < order.length) {
      const path = order[next]!;
      const size = source.size(path);
      if (pendingBytes + size > aheadBytes) break;
      if (!pending.has(path)) {
        const read = source.read(path);
        // Its error (a file over the limit, a damaged entry) reaches whoever asks for the file.
        read.catch(() => undefined);
        pending.set(path, read);
        pendingBytes += size;
      }
      next++;
    }
  };
  return {
    label: source.label,
    files: () => source.files(),
    size: (path) => source.size(path),
    describe: (path) => source.describe(path),
    read(path) {
      const read = take(path) ?? source.read(path);
      const at = position.get(path);
      if (at !== undefined) fill(at + 1);
      return read;
    },
    close: () => source.close(),
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSlackExport } from '../../examples/generator/synthetic-export.js';
import { generateWorkspace } from '../../examples/generator/synthetic-workspace.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import { zipFolder } from './zip-writer.js';

const MESSAGES = 10_000;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-bulk-import-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('a 10,000-message Slack export into SQLite', () => {
  it('imports in batches and re-imports adding nothing', { timeout: 180_000 }, async () => {
    const exportDir = join(scratch, 'export');
    await writeSlackExport(generateWorkspace({ seed: 11, messages: MESSAGES }), exportDir);
    const store = await openStore(`sqlite://${join(scratch, 'mull.sqlite')}`);
    try {
      const first = await importHistory(store, exportDir);
      expect(first.messages).toEqual({ added: MESSAGES, updated: 0, unchanged: 0 });
      const again = await importHistory(store, exportDir);
      expect(again.messages).toEqual({ added: 0, updated: 0, unchanged: MESSAGES });

      let stored = 0;
      for (const channel of await store.listChannels()) stored += await store.countMessages(channel.key);
      expect(stored).toBe(MESSAGES);

      const rate = (report: typeof first) => Math.round(MESSAGES / (report.durationMs / 1000));
      console.log(
        `import of ${MESSAGES} messages into SQLite: ${Math.round(first.durationMs)} ms (${rate(first)} messages/s); ` +
          `re-import ${Math.round(again.durationMs)} ms (${rate(again)} messages/s)`,
      );
    } finally {
      await store.close();
    }
  });

  it('streams the same export from a .zip', { timeout: 180_000 }, async () => {
    const zip = join(scratch, 'export.zip');
    await zipFolder(join(scratch, 'export'), zip);
    const store = await openStore('memory://');
    try {
      const report = await importHistory(store, zip);
      expect(report.messages.added).toBe(MESSAGES);
      console.log(`import of ${MESSAGES} messages from a zip into memory: ${Math.round(report.durationMs)} ms`);
    } finally {
      await store.close();
    }
  });
});

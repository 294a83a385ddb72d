/**
 * Issue 14 (4, 8): a damaged zip is refused, not imported; files, imports and messages are bounded.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportError } from '../../src/core/errors.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { buildZip, zipFolder } from './zip-writer.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/slack-export', import.meta.url));
const DCE = fileURLToPath(new URL('../fixtures/discord-export/Acme Community - Text Channels - general [81384788765712385].json', import.meta.url));
const ENG = 'slack:T01FIXTURE:C02ENG';

let scratch: string;
let store: Store;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-limits-'));
  store = await openStore('memory://');
});
afterEach(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

async function refusal(run: Promise<unknown>): Promise<ImportError> {
  const error = await run.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('a damaged zip', () => {
  it('is refused when a byte was flipped (CRC-32), naming the entry, and nothing is written', async () => {
    const zip = join(scratch, 'export.zip');
    await zipFolder(FIXTURE, zip, '', true);
    const bytes = await readFile(zip);
    // Stored entries: the text is in the archive as is. "v1.8.2" becomes "v1.9.2", sizes unchanged.
    const at = bytes.indexOf('api v1.8.2');
    expect(at).toBeGreaterThan(0);
    bytes[at + 'api v1.'.length] = '9'.charCodeAt(0);
    await writeFile(zip, bytes);

    const error = await refusal(importHistory(store, zip));
    expect(error.file).toBe(`${zip}:eng/2024-03-04.json`);
    expect(error.message).toContain('CRC-32 mismatch');
    expect(await store.listChannels()).toEqual([]);
  });
});

describe('size limits', () => {
  it('refuses a zip entry over the per-file limit from its declared size, naming it and the setting', async () => {
    const zip = join(scratch, 'big.zip');
    await zipFolder(FIXTURE, zip);
    const error = await refusal(importHistory(store, zip, { limits: { maxFileBytes: 1_000 } }));
    expect(error.file).toBe(`${zip}:users.json`);
    expect(error.message).toMatch(/: \d+ bytes, over the 1000 bytes limit for one file \(MULL_IMPORT_MAX_FILE_MB\)/);
    expect(await store.listChannels()).toEqual([]);
  });

  it('a day file over the limit stops the import naming it, with nothing written', async () => {
    const dir = join(scratch, 'one-channel');
    await cp(FIXTURE, dir, { recursive: true });
    await rm(join(dir, 'eng'), { recursive: true });
    await rm(join(dir, 'secret-project'), { recursive: true });
    const day = join(dir, 'general', '2024-03-05.json');
    await writeFile(day, JSON.stringify([{ type: 'message', ts: '1709629200.000500', user: 'U01ALICE', text: 'y'.repeat(20_000) }]));
    const error = await refusal(importHistory(store, dir, { limits: { maxFileBytes: 10_000 } }));
    expect(error.file).toBe(day);
    expect(error.message).toMatch(/: \d+ bytes, over the 10000 bytes limit for one file \(MULL_IMPORT_MAX_FILE_MB\); .*Nothing was imported: the store is as it was\. Fix the file\.$/);
    expect(await store.listChannels()).toEqual([]);
  });

  it('refuses a DiscordChatExporter file over the per-file limit and says how to split it', async () => {
    const error = await refusal(importHistory(store, DCE, { limits: { maxFileBytes: 2_000 } }));
    expect(error.file).toBe(DCE);
    expect(error.message).toContain('--partition');
  });

  it('refuses an import over the total limit before reading any day file', async () => {
    const error = await refusal(importHistory(store, FIXTURE, { limits: { maxTotalBytes: 4_000 } }));
    expect(error.message).toContain('limit for one import (MULL_IMPORT_MAX_TOTAL_MB); nothing was written');
    expect(await store.listChannels()).toEqual([]);
  });

  it('cuts a message over the per-message limit and says so in the report', async () => {
    const dir = join(scratch, 'export');
    await cp(FIXTURE, dir, { recursive: true });
    const huge = 'x'.repeat(5_000);
    await writeFile(join(dir, 'eng', '2024-03-04.json'), JSON.stringify([{ type: 'message', ts: '1709629200.000500', user: 'U01ALICE', text: huge }]));
    const report = await importHistory(store, dir, { limits: { maxMessageChars: 1_000 } });
    const [message] = await store.readMessages(ENG);
    expect(message!.text).toHaveLength(1_000 + ' […cut]'.length);
    expect(report.warnings).toContain('1 message was longer than 1000 characters and cut to that (MULL_IMPORT_MAX_MESSAGE_CHARS)');
  });

  it('a zip that declares one size and inflates to another is refused (yauzl checks sizes)', async () => {
    const data = Buffer.from('[]');
    const zip = buildZip([{ name: 'users.json', data: Buffer.from('[]') }, { name: 'channels.json', data }]);
    // Declared uncompressed size of the last entry in the central directory: 2 -> 1.
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(1, central + 24);
    const path = join(scratch, 'lying.zip');
    await writeFile(path, zip);
    const error = await refusal(importHistory(store, path));
    expect(error.message).toMatch(/channels\.json/);
  });
});

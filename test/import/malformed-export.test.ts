import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, ImportError } from '../../src/core/errors.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/slack-export', import.meta.url));

let scratch: string;
let store: Store;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-bad-import-'));
  store = await openStore('memory://');
});
afterEach(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

async function copyWith(path: string, contents: string): Promise<string> {
  const dir = join(scratch, 'export');
  await cp(FIXTURE, dir, { recursive: true });
  await writeFile(join(dir, path), contents);
  return dir;
}

async function importError(path: string): Promise<ImportError> {
  const error = await importHistory(store, path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('a malformed export', () => {
  it('stops at a truncated day file with an ImportError naming it, and loses nothing already stored', async () => {
    await importHistory(store, FIXTURE);
    const before = await store.readMessages('slack:T01FIXTURE:C01GENERAL');

    const dir = await copyWith('general/2024-03-05.json', '[{"type": "message", "ts": "1709629200.000500", "text": "cut off');
    const error = await importError(dir);
    expect(error.code).toBe(ErrorCode.Import);
    expect(error.file).toBe(join(dir, 'general', '2024-03-05.json'));
    expect(error.message).toContain('2024-03-05.json');
    expect(error.message).toContain('malformed JSON');

    expect(await store.readMessages('slack:T01FIXTURE:C01GENERAL')).toEqual(before);
    expect(await store.countMessages('slack:T01FIXTURE:C02ENG')).toBe(2);
  });

  it('writes the files before the bad one and nothing from it or after it', async () => {
    // Valid JSON, wrong shape: the second message has no ts.
    const dir = await copyWith(
      'general/2024-03-05.json',
      JSON.stringify([{ type: 'message', ts: '1709629200.000500', text: 'fine', user: 'U01ALICE' }, { type: 'message', text: 'no ts' }]),
    );
    const error = await importError(dir);
    expect(error.message).toMatch(/\[1\]\.ts/);
    // eng/ sorts first and general's first day is valid: both stored; nothing from the bad day.
    expect(await store.countMessages('slack:T01FIXTURE:C02ENG')).toBe(2);
    const general = await store.readMessages('slack:T01FIXTURE:C01GENERAL');
    expect(general.map((m) => m.id)).not.toContain('1709629200.000500');
    expect(general).toHaveLength(4);
    expect(await store.getChannel('slack:T01FIXTURE:G03SECRET')).toBeUndefined();
  });

  it('rejects a bad users.json before writing anything', async () => {
    const dir = await copyWith('users.json', '{"not": "a list"}');
    const error = await importError(dir);
    expect(error.file).toBe(join(dir, 'users.json'));
    expect(await store.listChannels()).toEqual([]);
  });

  it('says so when a path is not an export at all', async () => {
    const notes = join(scratch, 'notes.txt');
    await writeFile(notes, 'hello');
    expect((await importError(notes)).message).toContain('not a Slack export');
    expect((await importError(join(scratch, 'missing.zip'))).file).toBe(join(scratch, 'missing.zip'));
    const json = join(scratch, 'other.json');
    await writeFile(json, '{"hello": "world"}');
    expect((await importError(json)).message).toContain('DiscordChatExporter');
  });
});

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

  it('refuses the whole export before writing anything, naming the file and saying the store is as it was', async () => {
    // Valid JSON, wrong shape: the second message has no ts. eng/ sorts first and is fine.
    const dir = await copyWith(
      'general/2024-03-05.json',
      JSON.stringify([{ type: 'message', ts: '1709629200.000500', text: 'fine', user: 'U01ALICE' }, { type: 'message', text: 'no ts' }]),
    );
    const error = await importError(dir);
    expect(error.message).toMatch(/\[1\]\.ts/);
    expect(error.file).toBe(join(dir, 'general', '2024-03-05.json'));
    expect(error.message).toContain('Nothing was imported: the store is as it was');
    expect(error.message).toContain('--skip-bad to import the other 2 channels and leave out #general');
    expect(await store.listChannels()).toEqual([]);
    expect(await store.countMessages('slack:T01FIXTURE:C02ENG')).toBe(0);
  });

  it('with --skip-bad imports every other channel whole and lists the one left out, with its file', async () => {
    const dir = await copyWith('general/2024-03-05.json', '[{"type": "message", "ts": "1709629200.000500", "text": "cut off');
    const report = await importHistory(store, dir, { skipBad: true });
    expect(report.channels).toBe(2);
    expect(report.skippedChannels).toEqual([
      { channel: 'general', file: join(dir, 'general', '2024-03-05.json'), reason: expect.stringContaining('malformed JSON') },
    ]);
    // Each channel whole or not at all: general's good first day is not written either.
    expect(await store.getChannel('slack:T01FIXTURE:C01GENERAL')).toBeUndefined();
    expect(await store.countMessages('slack:T01FIXTURE:C01GENERAL')).toBe(0);
    expect(await store.countMessages('slack:T01FIXTURE:C02ENG')).toBe(2);
    expect(await store.countMessages('slack:T01FIXTURE:G03SECRET')).toBeGreaterThan(0);
  });

  it('a store failure while writing says which channels are whole, which is partial and which were not reached', async () => {
    const failing = new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'putMessages') {
          return (channel: string, messages: never[]) =>
            channel.endsWith(':C01GENERAL') ? Promise.reject(new Error('disk full')) : target.putMessages(channel, messages);
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const error = await importHistory(failing, FIXTURE).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      'import stopped while writing #general: disk full. In the store now: imported whole: #eng; partly written: #general; ' +
        'not imported: #secret-project. Importing again is safe and completes it.',
    );
    expect(await store.countMessages('slack:T01FIXTURE:C02ENG')).toBe(2);
  });

  it('refuses a day file that is not valid UTF-8, naming it', async () => {
    const dir = await copyWith('eng/2024-03-04.json', '');
    const good = Buffer.from(JSON.stringify([{ type: 'message', ts: '1709629200.000500', text: 'caf\u00e9', user: 'U01ALICE' }]));
    // "é" is C3 A9 in UTF-8; a lone C3 followed by a quote is not UTF-8 at all.
    const bad = Buffer.from(good.toString('latin1').replace('\u00c3\u00a9', '\u00c3'), 'latin1');
    await writeFile(join(dir, 'eng', '2024-03-04.json'), bad);
    const error = await importError(dir);
    expect(error.file).toBe(join(dir, 'eng', '2024-03-04.json'));
    expect(error.message).toContain('not valid UTF-8');
    expect(await store.listChannels()).toEqual([]);
  });

  it("says a channel's folder is not the export root", async () => {
    const error = await importError(join(FIXTURE, 'general'));
    expect(error.message).toContain("one channel's folder of a Slack export");
    expect(error.message).toContain('channels.json');
  });

  it('reports a channel whose name no folder can have instead of dropping it silently', async () => {
    const channels = JSON.parse(await readFile(join(FIXTURE, 'channels.json'), 'utf8')) as unknown[];
    const dir = await copyWith('channels.json', JSON.stringify([...channels, { id: 'C09ESCAPE', name: '../../x' }]));
    const report = await importHistory(store, dir);
    expect(report.skipped).toContainEqual({
      file: join(dir, 'channels.json'),
      reason: 'channel "../../x" (C09ESCAPE) has a name no export folder can have; left out',
      count: 1,
    });
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

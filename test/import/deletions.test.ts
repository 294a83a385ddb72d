/**
 * Issue 14 (1, 5): a message missing from a later export of a channel was deleted; an import never
 * brings back a deleted message; two exports of one channel apply newest last by export date.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatImportReport } from '../../src/cli/import-command.js';
import { importHistory } from '../../src/import/import-history.js';
import { startHarness, type Harness } from '../helpers/engine-harness.js';

const SLACK = fileURLToPath(new URL('../fixtures/slack-export', import.meta.url));
const DCE_GENERAL = fileURLToPath(new URL('../fixtures/discord-export/Acme Community - Text Channels - general [81384788765712385].json', import.meta.url));
const GENERAL = 'slack:T01FIXTURE:C01GENERAL';
const DISCORD_GENERAL = 'discord:81384788765712384:81384788765712385';
const ROOT = '1709544600.000200';
const FREEZE = '1709545272.000300';

let scratch: string;
let h: Harness;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-deletions-'));
  h = await startHarness({ offline: true });
});
afterEach(async () => {
  await h.close();
  await rm(scratch, { recursive: true, force: true });
});

/** A copy of the Slack fixture without the messages whose ts is listed. */
async function slackExportWithout(...gone: string[]): Promise<string> {
  const dir = join(scratch, `slack-${gone.join('-') || 'all'}`);
  await cp(SLACK, dir, { recursive: true });
  for (const day of ['2024-03-04.json', '2024-03-05.json']) {
    const path = join(dir, 'general', day);
    const messages = JSON.parse(await readFile(path, 'utf8')) as { ts: string }[];
    await writeFile(path, JSON.stringify(messages.filter((m) => !gone.includes(m.ts))));
  }
  return dir;
}

const ask = (question: string) => h.engine.ask({ asker: 'cli', askedIn: GENERAL, scope: [GENERAL], question });

describe('a later export without a message', () => {
  it('purges it, with the learned answers citing it, and reports it', async () => {
    await importHistory(h.store, SLACK);
    await h.engine.rethink(GENERAL);
    expect((await ask('When is the release freeze?')).text).toContain('Thursday 7 March');

    const report = await importHistory(h.store, await slackExportWithout(FREEZE));
    expect(report.purged).toEqual([{ channel: GENERAL, name: 'general', count: 1 }]);
    expect(report.messages).toMatchObject({ added: 0 });
    expect(formatImportReport(report)).toContain('1 deleted since');
    expect(formatImportReport(report)).toContain('deleted 1 from #general');

    expect(await h.store.getMessage(GENERAL, FREEZE)).toBeUndefined();
    const learned = await h.store.getLearned(GENERAL);
    expect(JSON.stringify(learned)).not.toContain('Thursday 7 March');
    expect((await ask('When is the release freeze?')).text).not.toContain('Thursday 7 March');
  });

  it('never brings back a message deleted live (tombstones win), and says so', async () => {
    await importHistory(h.store, SLACK);
    await h.engine.ingest({ type: 'delete', channel: GENERAL, id: ROOT });
    const report = await importHistory(h.store, SLACK);
    expect(await h.store.getMessage(GENERAL, ROOT)).toBeUndefined();
    expect(report.skipped).toContainEqual({ reason: 'deleted in the channel since (not brought back)', count: 1 });
    expect(report.purged).toEqual([]);
  });

  it('leaves alone what lies outside the export’s time range', async () => {
    await importHistory(h.store, SLACK);
    const later = { id: '1809629200.000100', ts: 1809629200000, user: 'U01ALICE', text: 'said live, after the export' };
    await h.store.putMessages(GENERAL, [later]);
    const report = await importHistory(h.store, SLACK);
    expect(report.purged).toEqual([]);
    expect(await h.store.getMessage(GENERAL, later.id)).toBeDefined();
  });
});

describe('two DiscordChatExporter exports of one channel in a folder', () => {
  async function twoExports(): Promise<string> {
    const dir = join(scratch, 'dce');
    await mkdir(dir);
    const older = JSON.parse(await readFile(DCE_GENERAL, 'utf8')) as { exportedAt: string; messages: { id: string; content: string }[] };
    const newer = structuredClone(older);
    newer.exportedAt = '2024-03-20T12:00:00.000+00:00';
    newer.messages = newer.messages.filter((m) => m.id !== '1214500000000000002');
    newer.messages.find((m) => m.id === '1214500000000000003')!.content = 'Stable since Tuesday (edited).';
    // The newer export's name sorts first: the export date decides, not the file name.
    await writeFile(join(dir, 'a-general-newer.json'), JSON.stringify(newer));
    await writeFile(join(dir, 'b-general-older.json'), JSON.stringify(older));
    return dir;
  }

  it('apply the newer last: its text wins, what it lacks is purged, and they count as one channel', async () => {
    const report = await importHistory(h.store, await twoExports());
    expect(report.channels).toBe(1);
    expect((await h.store.getMessage(DISCORD_GENERAL, '1214500000000000003'))?.text).toBe('Stable since Tuesday (edited).');
    expect(await h.store.getMessage(DISCORD_GENERAL, '1214500000000000002')).toBeUndefined();
    expect(report.purged).toEqual([{ channel: DISCORD_GENERAL, name: 'general', count: 1 }]);
  });

  it('keeps thread messages filed under the channel live: the channel export never lists them', async () => {
    await importHistory(h.store, DCE_GENERAL);
    const threadReply = { id: '1214500000000000050', ts: Date.parse('2024-03-04T09:30:00Z'), user: '1', text: 'in a thread', threadId: '1214500000000000100' };
    await h.store.putMessages(DISCORD_GENERAL, [threadReply]);
    const report = await importHistory(h.store, DCE_GENERAL);
    expect(report.purged).toEqual([]);
    expect(await h.store.getMessage(DISCORD_GENERAL, threadReply.id)).toBeDefined();
  });
});

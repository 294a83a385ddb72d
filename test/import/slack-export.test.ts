import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { zipFolder } from './zip-writer.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/slack-export', import.meta.url));
const GENERAL = 'slack:T01FIXTURE:C01GENERAL';
const ROOT = '1709544600.000200';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-slack-import-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore('memory://');
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** What a person reading #general would see, in order. */
const expectedGeneral = [
  { user: 'U01ALICE', userName: 'alice.m', text: 'Morning! The Q1 review deck is up: Q1 review deck (https://docs.example.com/q1)' },
  { id: ROOT, user: 'U02BOB', userName: 'Bob Ortiz', text: 'When is the release freeze?' },
  { threadId: ROOT, userName: 'alice.m', text: 'Freeze is Thursday 7 March, 17:00 CET. cc @Bob Ortiz' },
  // No display or real name in users.json: the handle.
  { threadId: ROOT, userName: 'cara', text: "Thanks & noted, I'll tell the <api> folks" },
  // A reply filed under the next day, still in the thread.
  { threadId: ROOT, userName: 'Bob Ortiz', text: 'Can we move it to Friday?' },
  { text: 'Release notes draft is in #eng (updated with the API changes)', editedTs: 1709630400000 },
  { text: "Here's the checklist\n[file: release-checklist.pdf]" },
  { userName: 'cara', text: '[file: screenshot.png]' },
  { user: 'B04CIBOT', userName: 'CI', bot: true, text: 'Build #482 passed\nmain @ 3f2c1a by @Bob Ortiz' },
  { text: '@here standup moved to 10:30, see #general' },
];

describe('importing a Slack export', () => {
  it('imports the unpacked folder: channels, threads, edits, bots, files, and says what it skipped', async () => {
    await withStore(async (store) => {
      const report = await importHistory(store, FIXTURE, { workspaceName: 'Fixture Co' });

      expect(report.format).toBe('slack');
      expect(report.workspaces).toEqual([{ platform: 'slack', id: 'T01FIXTURE', name: 'Fixture Co' }]);
      expect(report.channels).toBe(3);
      expect(report.messages).toEqual({ added: 13, updated: 0, unchanged: 0 });
      expect(report.skipped).toEqual([
        { reason: 'channel_join: membership notice', count: 2 },
        { reason: 'channel_topic: topic/purpose/name change notice', count: 1 },
      ]);

      const general = await store.readMessages(GENERAL);
      expect(general).toHaveLength(expectedGeneral.length);
      general.forEach((message, i) => expect(message).toMatchObject(expectedGeneral[i]));
      expect(general[1].ts).toBe(parseFloat(ROOT) * 1000);
      expect(general[1].threadId).toBeUndefined();
      expect(general.filter((m) => m.bot)).toHaveLength(1);

      const eng = await store.readMessages('slack:T01FIXTURE:C02ENG');
      expect(eng.map((m) => [m.userName, m.bot ?? false, m.text])).toEqual([
        ['deploy', true, 'Deployed api v1.8.2 to production'],
        ['alice.m', false, '@cara can you review https://github.com/example/api/pull/42?'],
      ]);

      const channels = await store.listChannels();
      const secret = channels.find((c) => c.name === 'secret-project');
      expect(secret).toMatchObject({ key: 'slack:T01FIXTURE:G03SECRET', isPrivate: true, isDm: false, members: ['U01ALICE', 'U03CARA'] });
      expect(channels.find((c) => c.key === GENERAL)).toMatchObject({ isPrivate: false, members: ['U01ALICE', 'U02BOB', 'U03CARA'] });
    });
  });

  it('imports the same export from a .zip, streamed with yauzl, even with a top-level folder inside', async () => {
    const zip = join(scratch, 'Fixture Co Slack export Mar 4 2024 - Mar 6 2024.zip');
    await zipFolder(FIXTURE, zip, 'Fixture Co Slack export/');
    await withStore(async (fromZip) => {
      await withStore(async (fromFolder) => {
        const zipped = await importHistory(fromZip, zip);
        await importHistory(fromFolder, FIXTURE);
        expect(zipped.messages.added).toBe(13);
        // Named after the archive, minus Slack's "Slack export <dates>" suffix.
        expect(zipped.workspaces[0].name).toBe('Fixture Co');
        for (const channel of await fromFolder.listChannels()) {
          expect(await fromZip.readMessages(channel.key)).toEqual(await fromFolder.readMessages(channel.key));
        }
      });
    });
  });

  it('is idempotent: importing again adds nothing', async () => {
    await withStore(async (store) => {
      await importHistory(store, FIXTURE);
      const again = await importHistory(store, FIXTURE);
      expect(again.messages).toEqual({ added: 0, updated: 0, unchanged: 13 });
      expect(await store.countMessages(GENERAL)).toBe(10);
    });
  });

  it('files the history under the console with platformOverride, channels keyed by name', async () => {
    await withStore(async (store) => {
      const report = await importHistory(store, FIXTURE, { platformOverride: { platform: 'console', workspace: 'local' } });
      expect(report.workspaces[0]).toMatchObject({ platform: 'console', id: 'local' });
      const keys = (await store.listChannels()).map((c) => c.key).sort();
      expect(keys).toEqual(['console:local:eng', 'console:local:general', 'console:local:secret-project']);
      expect(await store.countMessages('console:local:general')).toBe(10);
      expect((await store.getChannel('console:local:secret-project'))?.isPrivate).toBe(true);
    });
  });

  it('reports progress per day file', async () => {
    await withStore(async (store) => {
      const seen: number[] = [];
      const checked: number[] = [];
      await importHistory(store, FIXTURE, { onProgress: (p) => (p.phase === 'checking' ? checked : seen).push(p.filesDone) });
      // Every file is checked before anything is written, then written.
      expect(checked).toEqual([1, 2, 3, 4]);
      expect(seen).toEqual([1, 2, 3, 4]);
    });
  });

  it('keeps membership the live adapter refreshed over the export snapshot', async () => {
    await withStore(async (store) => {
      await importHistory(store, FIXTURE);
      const live = { ...(await store.getChannel(GENERAL))!, members: ['U01ALICE'], membersUpdatedAt: 1_800_000_000_000 };
      await store.putChannel(live);
      await importHistory(store, FIXTURE);
      expect(await store.getChannel(GENERAL)).toMatchObject({ members: ['U01ALICE'], membersUpdatedAt: 1_800_000_000_000 });
    });
  });
});

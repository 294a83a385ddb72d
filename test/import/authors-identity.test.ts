/**
 * Issue 14 (3, 5): authors of legacy messages; one workspace whatever the export's packaging;
 * a warning when --console merges two platforms' channels into one.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { zipFolder } from './zip-writer.js';

const SLACK = fileURLToPath(new URL('../fixtures/slack-export', import.meta.url));
const DCE_GENERAL = fileURLToPath(new URL('../fixtures/discord-export/Acme Community - Text Channels - general [81384788765712385].json', import.meta.url));

let scratch: string;
let store: Store;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-authors-'));
  store = await openStore('memory://');
});
afterEach(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

async function exportWith(name: string, files: Record<string, unknown>): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, value] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(value));
  }
  return dir;
}

const users = [{ id: 'U1', name: 'alice', profile: { display_name: 'Alice' } }, { id: 'U2', name: 'bob' }];

describe('authors of legacy Slack messages', () => {
  it('credits file comments to comment.user and names integrations from their bot_add notice or other posts', async () => {
    const dir = await exportWith('Old Co', {
      'users.json': users,
      'channels.json': [{ id: 'C1', name: 'general' }, { id: 'C2', name: 'ops' }],
      'general/2016-01-01.json': [
        {
          type: 'message', subtype: 'file_comment', ts: '1451642400.000002',
          text: '<@U2|bob> commented on <@U1|alice>’s file <https://x/F1|plan.pdf>: looks good',
          comment: { id: 'Fc1', user: 'U2', comment: 'looks good' },
        },
        { type: 'message', subtype: 'bot_message', bot_id: 'B0JL6RASU', ts: '1451642400.000003', text: 'Build 12 passed' },
        { type: 'message', subtype: 'bot_message', bot_id: 'B0OTHER', ts: '1451642400.000004', text: 'Deploy done' },
      ],
      // The notices that name the bots come later, and in another channel.
      'ops/2016-01-02.json': [
        {
          type: 'message', subtype: 'bot_add', user: 'U1', bot_id: 'B0JL6RASU', ts: '1451728800.000001',
          text: 'added an integration to this channel: <https://old.slack.com/services/B0JL6RASU|jenkins>',
          bot_link: '<https://old.slack.com/services/B0JL6RASU|jenkins>',
        },
        { type: 'message', subtype: 'bot_message', bot_id: 'B0OTHER', username: 'deploybot', ts: '1451728800.000002', text: 'Deploy 2 done' },
      ],
    });
    const report = await importHistory(store, dir);
    const ws = report.workspaces[0]!.id;
    const general = await store.readMessages(`slack:${ws}:C1`);
    expect(general.map((m) => [m.user, m.userName])).toEqual([
      ['U2', 'bob'],
      ['B0JL6RASU', 'jenkins'],
      ['B0OTHER', 'deploybot'],
    ]);
  });
});

describe('workspace identity', () => {
  it('an export without team ids imported as a folder and then as a zip is one workspace', async () => {
    const dir = await exportWith('Team Slack export Jan 2016', {
      'channels.json': [{ id: 'C1', name: 'general' }],
      'general/2016-01-01.json': [{ type: 'message', user: 'U1', text: 'hello', ts: '1451642400.000001' }],
    });
    const zip = join(scratch, 'Team Slack export Jan 2016 (1).zip');
    await zipFolder(dir, zip);
    const first = await importHistory(store, dir);
    const second = await importHistory(store, zip);
    expect(second.workspaces[0]!.id).toBe(first.workspaces[0]!.id);
    expect(second.messages).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect((await store.listChannels()).map((c) => c.key)).toEqual([`slack:${first.workspaces[0]!.id}:C1`]);
  });

  it('--console warns when a Discord #general joins a Slack #general already there', async () => {
    const console = { platformOverride: { platform: 'console' as const, workspace: 'local' } };
    const slack = await importHistory(store, SLACK, console);
    expect(slack.warnings).toEqual([]);
    const again = await importHistory(store, SLACK, console);
    expect(again.warnings).toEqual([]);
    const slackMessages = await store.countMessages('console:local:general');
    const discord = await importHistory(store, DCE_GENERAL, console);
    expect(discord.warnings).toEqual([
      '#general (console:local:general) now holds the history of slack:T01FIXTURE:C01GENERAL and discord:81384788765712384:81384788765712385: ' +
        'they are answered as one channel, and messages deleted from one export are not detected there. Import without --console to keep them apart.',
    ]);
    // The Slack messages inside the Discord export's time range are not taken for deleted ones.
    expect(discord.purged).toEqual([]);
    expect(await store.countMessages('console:local:general')).toBe(slackMessages + discord.messages.added);
  });
});

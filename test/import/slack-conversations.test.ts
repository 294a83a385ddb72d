import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

let scratch: string;
let store: Store;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-slack-dms-'));
  store = await openStore('memory://');
});
afterEach(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

async function exportWith(files: Record<string, unknown>): Promise<string> {
  const dir = join(scratch, 'Team Slack export Jan 2024');
  for (const [path, value] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return dir;
}

const users = [
  { id: 'U1', name: 'alice', profile: { display_name: 'Alice' } },
  { id: 'U2', name: 'bob', real_name: 'Bob B' },
  { id: 'U3', name: 'cara' },
];
const day = (text: string, extra: object = {}) => [{ type: 'message', user: 'U1', text, ts: '1704103200.000100', ...extra }];

describe('Slack export conversations beyond public channels', () => {
  it('maps DMs (folder named by id), group DMs and unlisted folders, and reports stray files', async () => {
    const dir = await exportWith({
      'users.json': users.map((u) => ({ ...u, team_id: 'T9' })),
      'channels.json': [{ id: 'C1', name: 'general', members: ['U1', 'U2', 'U3'] }],
      'dms.json': [{ id: 'D1', members: ['U1', 'U2'] }],
      'mpims.json': [{ id: 'G2', name: 'mpdm-alice--bob--cara-1', members: ['U1', 'U2', 'U3'] }],
      'general/2024-01-01.json': day('hi <#C1>'),
      'general/notes.txt': 'not history',
      'D1/2024-01-01.json': day('psst'),
      'mpdm-alice--bob--cara-1/2024-01-01.json': day('group chat'),
      'mystery/2024-01-01.json': day('where am I'),
    });
    const report = await importHistory(store, dir);
    expect(report.workspaces[0]).toEqual({ platform: 'slack', id: 'T9', name: 'Team' });
    expect(report.channels).toBe(4);
    expect(report.skipped).toEqual([{ file: join(dir, 'general', 'notes.txt'), reason: 'not a day file (<channel>/<YYYY-MM-DD>.json)', count: 1 }]);

    const channels = Object.fromEntries((await store.listChannels()).map((c) => [c.id, c]));
    expect(channels.C1).toMatchObject({ name: 'general', isPrivate: false, isDm: false });
    expect(channels.D1).toMatchObject({ key: 'slack:T9:D1', name: 'dm-alice-bob', isPrivate: true, isDm: true, members: ['U1', 'U2'] });
    expect(channels.G2).toMatchObject({ name: 'mpdm-alice--bob--cara-1', isPrivate: true, isDm: true });
    // Nobody can say who could read a folder no metadata lists: private.
    expect(channels.mystery).toMatchObject({ name: 'mystery', isPrivate: true, isDm: false });
    expect(await store.readMessages('slack:T9:C1')).toMatchObject([{ text: 'hi #general', userName: 'Alice' }]);
  });

  it('finds the team id in the messages when users.json has none, else derives one from the name', async () => {
    const withTeam = await exportWith({ 'users.json': users, 'channels.json': [{ id: 'C1', name: 'general' }], 'general/2024-01-01.json': day('x', { team: 'T42' }) });
    expect((await importHistory(store, withTeam)).workspaces[0].id).toBe('T42');

    await rm(withTeam, { recursive: true });
    const without = await exportWith({ 'users.json': users, 'channels.json': [{ id: 'C1', name: 'general' }], 'general/2024-01-01.json': day('x') });
    const fresh = await openStore('memory://');
    try {
      expect((await importHistory(fresh, without)).workspaces[0]).toEqual({ platform: 'slack', id: 'team', name: 'Team' });
    } finally {
      await fresh.close();
    }
    // Issue 14 (5): with no team id anywhere, a store that already holds C1 names the workspace.
    expect((await importHistory(store, without)).workspaces[0]).toEqual({ platform: 'slack', id: 'T42', name: 'Team' });
  });
});

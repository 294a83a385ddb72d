import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/discord-export', import.meta.url));
const GENERAL_FILE = join(FIXTURES, 'Acme Community - Text Channels - general [81384788765712385].json');
const GENERAL = 'discord:81384788765712384:81384788765712385';

let store: Store;
let scratch: string;
beforeEach(async () => {
  store = await openStore('memory://');
  scratch = await mkdtemp(join(tmpdir(), 'mull-dce-'));
});
afterEach(async () => {
  await store.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('importing a DiscordChatExporter JSON export', () => {
  it('maps messages, replies, edits, attachments, bots and embeds, and skips system notices', async () => {
    const report = await importHistory(store, GENERAL_FILE);
    expect(report.format).toBe('discord');
    expect(report.workspaces).toEqual([{ platform: 'discord', id: '81384788765712384', name: 'Acme Community' }]);
    expect(report.messages).toEqual({ added: 6, updated: 0, unchanged: 0 });
    expect(report.skipped).toEqual([
      { reason: 'GuildMemberJoin: membership notice', count: 1 },
      { reason: 'ChannelPinnedMessage: pin notice', count: 1 },
    ]);

    const messages = await store.readMessages(GENERAL);
    expect(messages.map((m) => [m.userName, m.text])).toEqual([
      ['Dana', 'Hi all, is the v2 API stable yet?'],
      // A reply stays a plain message in the channel (Discord replies are not threads).
      ['Eli (mod)', 'Yes, stable since Tuesday. Changelog: https://example.com/v2'],
      ['Dana', '[file: error.log]'],
      ['Remindy', 'Reminder: community call Friday 18:00 UTC'],
      ['Eli (mod)', '@Dana thanks for the report!'],
      ['Remindy', 'Poll closed\nFriday wins (12 votes)'],
    ]);
    expect(messages[1]).toMatchObject({
      id: '1214500000000000003',
      ts: Date.parse('2024-03-04T09:05:10.250Z'),
      editedTs: Date.parse('2024-03-04T09:07:00Z'),
      user: '222222222222222222',
    });
    expect(messages[1].threadId).toBeUndefined();
    expect(messages.filter((m) => m.bot).map((m) => m.user)).toEqual(['333333333333333333', '333333333333333333']);
    expect(await store.getChannel(GENERAL)).toMatchObject({ name: 'general', isPrivate: false, isDm: false });
  });

  it('imports a folder of exports, a thread as its own channel, and again adds nothing', async () => {
    const dir = join(scratch, 'dce');
    await cp(FIXTURES, dir, { recursive: true });
    await writeFile(join(dir, 'notes.json'), '{"todo": []}');
    const first = await importHistory(store, dir);
    expect(first.channels).toBe(2);
    expect(first.messages.added).toBe(7);
    expect(first.skipped).toContainEqual({ file: join(dir, 'notes.json'), reason: 'not a DiscordChatExporter JSON export', count: 1 });
    const thread = await store.getChannel('discord:81384788765712384:1214500000000000100');
    expect(thread).toMatchObject({ name: 'v2 API feedback', isPrivate: false });
    expect(await store.readMessages(thread!.key)).toMatchObject([{ text: 'Pagination cursors feel much faster in v2', userName: 'Dana' }]);

    const again = await importHistory(store, dir);
    expect(again.messages).toEqual({ added: 0, updated: 0, unchanged: 7 });
  });

  it('names the file when a message is malformed', async () => {
    const bad = join(scratch, 'bad.json');
    await writeFile(bad, JSON.stringify({ guild: { id: '1', name: 'G' }, channel: { id: '2', type: 'GuildTextChat', name: 'x' }, messages: [{ id: '3' }] }));
    await expect(importHistory(store, bad)).rejects.toMatchObject({ name: 'ImportError', file: bad, message: expect.stringContaining('messages[0]') });
  });
});

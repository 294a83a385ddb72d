import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRecords, toTimeline } from '../../examples/generator/synthetic-records.js';
import { writeExample } from '../../examples/generator/synthetic-export.js';
import { generateWorkspace } from '../../examples/generator/synthetic-workspace.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mull-synthetic-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = join(entry.parentPath, entry.name);
      out.set(full.slice(dir.length), await readFile(full));
    }
  }
  return out;
}

describe('the synthetic workspace', () => {
  it('is deterministic: the same seed writes the same bytes, another seed other answers', async () => {
    await writeExample(generateWorkspace({ seed: 7, messages: 500 }), join(scratch, 'a'));
    await writeExample(generateWorkspace({ seed: 7, messages: 500 }), join(scratch, 'b'));
    const a = await filesOf(join(scratch, 'a'));
    const b = await filesOf(join(scratch, 'b'));
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);

    const other = generateWorkspace({ seed: 8, messages: 500 });
    expect(other.facts.map((f) => f.expected)).not.toEqual(generateWorkspace({ seed: 7, messages: 500 }).facts.map((f) => f.expected));
  });

  it.each([100, 400, 1_000, 2_500])('holds exactly %i stored messages', (messages) => {
    const ws = generateWorkspace({ messages });
    const records = toRecords(ws);
    expect(records.channels.reduce((sum, c) => sum + c.messages.length, 0)).toBe(messages);
    expect(records.channels.map((c) => c.channel.name)).toEqual(['eng-platform', 'general', 'launch', 'leadership', 'support']);
  });

  it('rejects sizes too small for its stories', () => {
    expect(() => generateWorkspace({ messages: 20 })).toThrow(/at least 100/);
  });

  it('plants facts whose evidence states the answer, and no trace of deleted or edited-away values', () => {
    const ws = generateWorkspace({ seed: 42, messages: 400 });
    const records = toRecords(ws);
    const byChannel = new Map(records.channels.map((c) => [c.channel.name, new Map(c.messages.map((m) => [m.id, m]))]));
    const allText = records.channels.flatMap((c) => c.messages.map((m) => m.text.toLowerCase()));
    expect(ws.facts.length).toBeGreaterThanOrEqual(12);
    for (const fact of ws.facts) {
      expect(fact.evidence.length, fact.id).toBeGreaterThan(0);
      for (const { channel, id } of fact.evidence) {
        const text = byChannel.get(channel)?.get(id)?.text.toLowerCase();
        expect(text, `${fact.id} ${channel}/${id}`).toBeDefined();
        for (const keyword of fact.expected) expect(text, fact.id).toContain(keyword.toLowerCase());
      }
      for (const keyword of fact.forbidden ?? []) expect(allText.some((t) => t.includes(keyword.toLowerCase())), keyword).toBe(false);
      for (const keyword of fact.stale ?? []) expect(allText.some((t) => t.includes(keyword.toLowerCase())), keyword).toBe(true);
      if (fact.private) expect(fact.evidence.every((e) => e.channel === 'leadership')).toBe(true);
    }
    expect(ws.events.map((e) => e.type)).toEqual(['edit', 'delete']);
    const edited = records.channels.flatMap((c) => c.messages).filter((m) => m.editedTs !== undefined);
    expect(edited).toHaveLength(1);
  });

  it('imports to exactly its records, and replaying its timeline (edits, deletes) ends in the same state', async () => {
    const ws = generateWorkspace({ seed: 3, messages: 600 });
    const dir = join(scratch, 'import');
    await writeExample(ws, dir);
    const records = toRecords(ws);

    const imported = await openStore('memory://');
    const replayed = await openStore('memory://');
    try {
      const report = await importHistory(imported, dir, { workspaceName: 'Acme' });
      expect(report.messages.added).toBe(600);
      expect(report.skipped).toEqual([{ reason: 'channel_join: membership notice', count: 5 }]);
      expect(await imported.getWorkspace('slack', ws.team.id)).toEqual(records.workspace);

      for (const event of toTimeline(ws)) {
        if (event.type === 'message') {
          await replayed.putChannel(event.channel);
          await replayed.putMessages(event.channel.key, [event.message]);
        } else if (event.type === 'edit') {
          expect(await replayed.editMessage(event.channel, event.id, event.text, event.editedTs, event.ts)).toBeDefined();
        } else {
          expect(await replayed.deleteMessage(event.channel, event.id, event.ts)).toBeDefined();
        }
      }

      for (const { channel, messages } of records.channels) {
        expect(await imported.getChannel(channel.key)).toEqual(channel);
        expect(await imported.readMessages(channel.key)).toEqual(messages);
        expect(await replayed.readMessages(channel.key)).toEqual(messages);
      }
    } finally {
      await imported.close();
      await replayed.close();
    }
  });

  it('matches the committed example in examples/acme (regenerate it after changing the generator)', async () => {
    const committed = fileURLToPath(new URL('../../examples/acme', import.meta.url));
    await writeExample(generateWorkspace(), join(scratch, 'acme'));
    const fresh = await filesOf(join(scratch, 'acme'));
    const shipped = await filesOf(committed);
    expect([...shipped.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, bytes] of fresh) expect(bytes.equals(shipped.get(path)!), `examples/acme${path} is stale: run npm run build && npm run examples`).toBe(true);
  });

  it('loads into the console as console:local:<name> channels', () => {
    const records = toRecords(generateWorkspace({ messages: 200 }), { platform: 'console', workspace: 'local' });
    expect(records.channels.map((c) => c.channel.key)).toContain('console:local:leadership');
    expect(records.channels.find((c) => c.channel.name === 'leadership')?.channel.isPrivate).toBe(true);
  });
});

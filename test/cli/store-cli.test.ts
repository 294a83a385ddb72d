/**
 * `mull store copy` and a killed `mull import`, through the built CLI (`npm test` builds dist/
 * first), each in its own folder with a clean environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSlackExport } from '../../examples/generator/synthetic-export.js';
import { generateWorkspace } from '../../examples/generator/synthetic-workspace.js';
import type { LearnedContext } from '../../src/core/types.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { describeService, dropPostgresSchema, postgresSchemaUrl, postgresUnreachable, uniqueName } from '../store/services.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'mull.js');
const scratch = mkdtempSync(join(tmpdir(), 'mull-store-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function mull(args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: scratch, env: { PATH: process.env.PATH ?? '', HOME: scratch, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  child.stdin!.end();
  return { child, done };
}

const CHANNEL = 'slack:T1:C1';
const context: LearnedContext = {
  channel: CHANNEL, version: 3, committedAt: 5, watermark: { ts: 2_000.5, id: 'm2' }, summary: 'launch talk', source: 'model', model: 'm', rework: ['m1'],
  notes: [{ id: 'n1', kind: 'date', text: 'launch on Friday', citations: ['m2'] }],
  questions: [{ id: 'q1', question: 'When is the launch?', answer: 'Friday.', citations: ['m2'], confidence: 0.8, paraphrases: ['launch date?'], embedding: [0.5, -0.25] }],
};

async function fill(store: Store): Promise<void> {
  await store.putWorkspace({ platform: 'slack', id: 'T1', name: 'Acme' });
  await store.putChannel({ key: CHANNEL, platform: 'slack', workspace: 'T1', id: 'C1', name: 'launch', isPrivate: true, isDm: false, members: ['U2', 'U1'], membersUpdatedAt: 9 });
  await store.putMessages(CHANNEL, Array.from({ length: 2_500 }, (_, i) => ({ id: `m${i}`, ts: 1_000 + i + 0.5, user: `U${i % 3}`, text: `message ${i} about the launch`, ...(i % 10 === 0 ? { threadId: 'm0', bot: false } : {}) })));
  await store.applyDeletion(CHANNEL, 'm7', { at: 50 });
  await store.commitLearned(context, 0);
  await store.logQuestion({ channel: CHANNEL, text: 'when is the launch?', ts: 3, origin: 'bot', path: 'cached', messageId: 'm3' });
  for (let i = 0; i < 3; i++) await store.record({ channel: CHANNEL, ts: 10 + i, phase: 'test', usage: { promptTokens: 5, completionTokens: 1, cachedPromptTokens: 0 }, path: 'verified', latencyMs: 20 + i });
  await store.setState('backfill:C1', { cursor: 'abc' });
  await store.markChannelRemoved('slack:T1:C9', 77);
}

/** Everything a user of the store can see, to compare two stores. */
async function snapshot(store: Store) {
  return {
    workspace: await store.getWorkspace('slack', 'T1'),
    channels: await store.listChannels(),
    messages: await store.readMessages(CHANNEL),
    deleted: [...(await store.deletedIds(CHANNEL))],
    learned: await store.getLearned(CHANNEL),
    questions: await store.listQuestions(CHANNEL, 0),
    ledger: await store.ledgerTotals(),
    state: await store.getState('backfill:C1'),
    removed: await store.removedChannels(),
    // Ranking differs between engines (bm25, ts_rank); what matches does not.
    search: (await store.searchMessages(CHANNEL, ['42'], 10)).map((hit) => hit.id),
  };
}

async function copyAndCompare(to: string): Promise<void> {
  const from = `sqlite://${join(scratch, `${uniqueName('src')}.sqlite`)}`;
  const source = await openStore(from);
  await fill(source);
  const expected = await snapshot(source);
  await source.close();
  expect(expected.messages).toHaveLength(2_499);

  for (let run = 0; run < 2; run++) {
    const copy = await mull(['store', 'copy', from, to]).done;
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/Copied sqlite to (sqlite|postgres) in \d+ ms: .*messages 2499.*ledger 3/);
    const target = await openStore(to);
    try {
      // Exactly the source, and the second run changes nothing.
      expect(await snapshot(target)).toEqual(expected);
    } finally {
      await target.close();
    }
  }
  // The target keeps working: its row numbers moved past the copied ones.
  const target = await openStore(to);
  try {
    await target.record({ channel: CHANNEL, ts: 99, phase: 'sleep', usage: { promptTokens: 1, completionTokens: 0, cachedPromptTokens: 0 } });
    await target.logQuestion({ channel: CHANNEL, text: 'new?', ts: 99, origin: 'bot' });
    expect((await target.ledgerTotals()).sleep.promptTokens).toBe(1);
    expect(await target.listQuestions(CHANNEL, 0)).toHaveLength(2);
  } finally {
    await target.close();
  }
}

describe('mull store copy', () => {
  it('copies a SQLite store to another without loss, idempotently', async () => {
    await copyAndCompare(`sqlite://${join(scratch, 'copy-target.sqlite')}`);
  }, 60_000);

  it('refuses a redis:// URL with what changed', async () => {
    const run = await mull(['store', 'copy', 'redis://127.0.0.1:6379', `sqlite://${join(scratch, 'x.sqlite')}`]).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/MULL_STORE_URL no longer takes redis:\/\/.*MULL_REDIS_URL/);
  });
});

describeService('PostgreSQL', await postgresUnreachable(), () => {
  it('mull store copy moves a SQLite store to PostgreSQL without loss, idempotently', async () => {
    const schema = uniqueName('copy');
    try {
      await copyAndCompare(postgresSchemaUrl(schema));
    } finally {
      await dropPostgresSchema(schema);
    }
  }, 60_000);
});

describe('a killed mull import', () => {
  it('never blocks the next one: after kill -9 mid-import, an immediate re-import completes', async () => {
    const exportDir = join(scratch, 'big-export');
    const workspace = generateWorkspace({ seed: 7, messages: 30_000 });
    await writeSlackExport(workspace, exportDir);
    const env = { MULL_STORE_URL: `sqlite://${join(scratch, 'killed.sqlite')}` };
    expect(workspace.messageCount).toBe(30_000);

    const first = mull(['import', exportDir], env);
    // Kill it once it has committed something, i.e. mid-way through (read from another
    // connection, as a second process would).
    const file = join(scratch, 'killed.sqlite');
    for (let stored = 0; stored === 0; ) {
      await sleep(20);
      try {
        const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
        try {
          stored = (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
        } finally {
          db.close();
        }
      } catch {
        // Not created or not migrated yet.
      }
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.code).toBeNull();
    expect(killed.stdout).not.toMatch(/Imported a slack export/);

    const started = Date.now();
    const second = await mull(['import', exportDir], env).done;
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const [, added, updated, unchanged] = /(\d+) messages added, (\d+) updated, (\d+) already stored/.exec(second.stdout)!.map(Number);
    expect(updated).toBe(0);
    // The killed run had stored some, the re-import the rest: together what one clean import stores.
    expect(unchanged).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);
    const reference = await openStore('memory://');
    const clean = await importHistory(reference, exportDir);
    await reference.close();
    expect(added + unchanged).toBe(clean.messages.added);
    // No lease to wait out: the re-import takes as long as importing takes, not a lease TTL.
    expect(Date.now() - started).toBeLessThan(30_000);

    const store = await openStore(env.MULL_STORE_URL);
    try {
      let stored = 0;
      for (const channel of await store.listChannels()) stored += await store.countMessages(channel.key);
      expect(stored).toBe(added + unchanged);
      expect(stored).toBeGreaterThan(20_000);
    } finally {
      await store.close();
    }
  }, 120_000);
});

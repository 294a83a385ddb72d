/**
 * Issue 14 (5): one-shot commands print their result, not the engine's JSON log lines, and
 * `mull import` reports through the real entry point.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMull } from '../helpers/run-mull.js';
import { tempDir } from '../helpers/temp-dir.js';

const SLACK = fileURLToPath(new URL('../fixtures/slack-export', import.meta.url));
const mull = (args: string[], cwd: string) => runMull(args, { cwd, env: { MULL_STORE_URL: `sqlite://${join(cwd, 'mull.sqlite')}` } });

describe('one-shot commands', () => {
  it('import, channels, ask and rethink write nothing on stderr at the default log level', async () => {
    const cwd = tempDir('mull-one-shot-');
    const imported = await mull(['import', SLACK], cwd);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('Imported a slack export: 3 channels; 13 messages added, 0 updated, 0 already stored, 0 deleted since');

    for (const args of [['channels'], ['rethink', '--channel', 'general'], ['ask', '--channel', 'general', 'When is the release freeze?']]) {
      const run = await mull(args, cwd);
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout.length, args.join(' ')).toBeGreaterThan(0);
    }
  }, 60_000);

  it('a bad file: exit 1, one line naming it, and the store as it was', async () => {
    const cwd = tempDir('mull-one-shot-bad-');
    const run = await mull(['import', join(SLACK, 'general')], cwd);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`mull: ${join(SLACK, 'general')}: this is one channel's folder of a Slack export (day files like 2024-03-04.json, no channels.json or users.json): import the export's root folder, the one that holds channels.json, or its .zip\n`);
  }, 30_000);
});

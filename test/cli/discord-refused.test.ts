/**
 * Issue 14 (10): Discord refusing the gateway for good while Mull runs (4004 after a token reset)
 * ends `mull start` with the reason and a non-zero exit code, through the real entry point.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { acme } from '../discord/acme.js';
import { waitFor } from '../discord/harness.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'mull.js');

let child: ChildProcess | undefined;
let discord: FakeDiscord | undefined;
let cwd: string | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  await discord?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  child = discord = cwd = undefined;
});

describe('mull start when Discord closes the gateway for good', () => {
  it('exits 1 with the reason after a 4004 (authentication failed) close', async () => {
    discord = await FakeDiscord.start();
    acme().install(discord);
    cwd = mkdtempSync(join(tmpdir(), 'mull-refused-'));
    let stderr = '';
    child = spawn(process.execPath, [CLI, 'start'], {
      cwd,
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'warn' },
    });
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child!.on('close', resolve));
    await waitFor(() => stderr.includes('Discord: connected'), 20_000);

    discord.disconnect(4004);
    expect(await exited).toBe(1);
    expect(stderr).toContain('mull: Discord closed the gateway with 4004 (authentication failed)');
    expect(stderr).toContain('Reset Token');
  }, 40_000);
});

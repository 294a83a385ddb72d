/**
 * Vitest global set-up: every run gets a temp folder of its own (TMPDIR, which os.tmpdir() and
 * child processes read), and the run fails if a test left anything in it (issue 14, 10: suites left
 * `mull-*` folders behind). A folder of its own keeps other runs on the machine out of the count.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'mull-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = runDir;
  return () => {
    const left = readdirSync(runDir);
    rmSync(runDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0; the exit code must say it failed.
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} item(s) in the temp folder: ${left.sort().join(', ')}`);
    }
  };
}

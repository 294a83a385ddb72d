import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI (`npm test` builds before vitest runs). */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'mull.js');

export interface MullRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `mull ARGS` in a child process, as a user would, and collects what it printed. */
export function runMull(args: string[], options: { input?: string; env?: Record<string, string>; cwd: string }): Promise<MullRun> {
  // A clean environment: nothing from the developer's shell may configure the run.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: options.cwd, ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

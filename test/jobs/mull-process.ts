/**
 * Real `mull` processes for the multi-process tests: `node dist/cli/mull.js start` (or another
 * command) in a child, with its own environment, stderr kept for assertions and failure messages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'mull.js');

export interface MullProcess {
  child: ChildProcess;
  name: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves once stderr contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<MullProcess>();

export function startMull(name: string, args: string[], env: Record<string, string>, cwd: string): MullProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: process.env.MULL_TEST_LOG ?? 'warn', ...env },
  });
  let err = '';
  child.stderr!.on('data', (chunk) => (err += chunk));
  child.stdout!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const proc: MullProcess = {
    child,
    name,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async waitFor(text, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      while (!err.includes(text)) {
        if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before "${text}":\n${err}`);
        if (Date.now() > end) throw new Error(`${name}: timed out waiting for "${text}":\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** SIGTERM to every process still running (SIGKILL after 5 s); for afterEach. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (proc) => {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await proc.exited;
      clearTimeout(timer);
    }),
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

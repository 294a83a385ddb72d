import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TaughtFact } from './knowledge.js';
import type { LatencyModel } from './latency.js';
import type { ModelCall } from './fake-llm.js';

export type { ModelCall } from './fake-llm.js';

/** The harness's handle on the fake model process (model/server.ts). */
export class FakeModel {
  private constructor(
    private readonly child: ChildProcess,
    private readonly base: string,
  ) {}

  static async start(): Promise<FakeModel> {
    const child = fork(fileURLToPath(new URL('./server.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: any) => (message?.type === 'ready' ? resolve(message.port) : reject(new Error('fake model: bad hello'))));
      child.once('exit', (code) => reject(new Error(`fake model exited with ${code}`)));
    });
    const model = new FakeModel(child, `http://127.0.0.1:${port}`);
    process.once('exit', () => child.kill());
    return model;
  }

  /** Base URL for the OpenAI SDK (with `/v1`). */
  get url(): string {
    return `${this.base}/v1`;
  }

  async configure(options: { latency?: LatencyModel }): Promise<void> {
    await this.post('/_bench/config', options);
  }

  async teach(facts: readonly TaughtFact[], reset = false): Promise<void> {
    await this.post('/_bench/teach', { facts, reset });
  }

  /** Calls served since `from` (a count returned by `mark`). */
  async calls(from = 0): Promise<ModelCall[]> {
    const res = await fetch(`${this.base}/_bench/calls?from=${from}`);
    return ((await res.json()) as { calls: ModelCall[] }).calls;
  }

  /** How many calls so far: pass it to `calls` to read the ones after it. */
  async mark(): Promise<number> {
    const res = await fetch(`${this.base}/_bench/count`);
    return ((await res.json()) as { count: number }).count;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }

  private async post(path: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`fake model ${path}: HTTP ${res.status}`);
  }
}

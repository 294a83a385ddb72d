import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotConfig, BotMessage } from './bot-process.js';

export type BotStats = Extract<BotMessage, { type: 'stats' }>;

/** The harness's handle on a bot process (bot/bot-process.ts). */
export class BotProcess {
  readonly answered: Extract<BotMessage, { type: 'answered' }>[] = [];
  readonly problems: string[] = [];
  #waiting: ((message: BotMessage) => boolean)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(config: BotConfig): Promise<BotProcess> {
    const child = fork(fileURLToPath(new URL('./bot-process.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    process.once('exit', () => child.kill());
    const url = await new Promise<string>((resolve, reject) => {
      const onMessage = (message: BotMessage) => {
        if (message.type === 'ready') resolve(message.url);
        if (message.type === 'problem') reject(new Error(message.msg));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`bot process exited with ${code}`)));
      child.send({ type: 'start', config });
    });
    const bot = new BotProcess(child, url);
    child.on('message', (message: BotMessage) => bot.#receive(message));
    return bot;
  }

  get eventsUrl(): string {
    return `${this.url}/slack/events`;
  }

  stats(): Promise<BotStats> {
    return this.#request({ type: 'stats' }, (m): m is BotStats => m.type === 'stats');
  }

  /** Asks the bot to stop (it lets answers in flight finish) and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await Promise.race([this.#request({ type: 'stop' }, (m) => m.type === 'stopped'), exited]);
    await exited;
  }

  #receive(message: BotMessage): void {
    if (message.type === 'answered') this.answered.push(message);
    if (message.type === 'problem') this.problems.push(message.code ? `${message.code}: ${message.msg}` : message.msg);
    this.#waiting = this.#waiting.filter((wants) => !wants(message));
  }

  #request<T extends BotMessage>(message: { type: string }, match: (m: BotMessage) => boolean): Promise<T> {
    return new Promise((resolve) => {
      this.#waiting.push((m) => {
        if (!match(m)) return false;
        resolve(m as T);
        return true;
      });
      this.child.send(message);
    });
  }
}

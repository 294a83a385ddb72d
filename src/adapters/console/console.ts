import { createInterface } from 'node:readline';
import type { Engine, PassReport } from '../../core/engine.js';
import { channelKey } from '../../core/ids.js';
import type { Channel, StoredMessage } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import { waitInWords } from '../../sleep/rethink-cooldown.js';
import { formatConsoleAnswer } from './format-answer.js';

export const CONSOLE_WORKSPACE = 'local';
const CONSOLE_USER = 'console-user';

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The channel typed lines go to at first. Defaults to the busiest console channel, or `general`. */
  channel?: string;
  /** Prompt shown on an interactive terminal. */
  interactive: boolean;
}

const HELP = `Type a message to post it in the current channel.
  @mull QUESTION     ask (answers draw on every console channel)
  /rethink [TOPIC]   run a sleep pass over the current channel now
  /channel NAME      switch channel (created if new)     /channels   list channels
  /stats             token ledger and answer paths       /quit       leave`;

/**
 * The console adapter: a local channel in the terminal, so Mull is usable with no Slack or
 * Discord at all. Lines are handled one at a time, in order, so piped input behaves like typing.
 */
export async function runConsole(deps: { engine: Engine; store: Store }, options: ConsoleOptions): Promise<void> {
  const { engine, store } = deps;
  const write = (text: string) => options.output.write(`${text}\n`);
  const channels = new Map<string, Channel>();
  for (const c of await store.listChannels()) if (c.platform === 'console') channels.set(c.key, c);
  let current = await pickChannel(store, channels, options.channel);
  write(`Console channel #${current.name}. ${HELP.split('\n')[0]} /help for commands.`);

  const lines = createInterface({ input: options.input, terminal: false });
  const prompt = () => options.interactive && options.output.write(`#${current.name}> `);
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line) {
      try {
        const next = await handleLine(line);
        if (next === 'quit') break;
      } catch (error) {
        write(`Error: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    prompt();
  }
  lines.close();

  async function handleLine(line: string): Promise<'quit' | void> {
    const mention = /^@mull\b[:,]?\s*(.*)$/i.exec(line);
    if (mention) {
      const question = mention[1]!.trim();
      if (!question) return void write('Ask something after @mull.');
      const id = await post(line);
      const scope = [...channels.keys()];
      const answer = await engine.ask({ asker: CONSOLE_USER, askedIn: current.key, scope, question, questionMessageId: id });
      return void write(formatConsoleAnswer(answer, channels));
    }
    const [command, ...rest] = line.split(/\s+/);
    const argument = rest.join(' ').trim();
    switch (command) {
      case '/quit':
      case '/exit':
        return 'quit';
      case '/help':
        return void write(HELP);
      case '/channels':
        for (const c of channels.values()) write(`  #${c.name}${c.key === current.key ? '  (current)' : ''}`);
        return;
      case '/channel':
        if (!argument) return void write('Usage: /channel NAME');
        current = await ensureChannel(store, channels, argument.replace(/^#/, ''));
        return void write(`Now in #${current.name}.`);
      case '/rethink': {
        write(`Thinking about #${current.name}${argument ? ` (focus: ${argument})` : ''}…`);
        return void write(describePass(await engine.rethink(current.key, argument || undefined)));
      }
      case '/stats': {
        const stats = await engine.stats();
        write(`Sleep-time tokens: ${stats.sleepTokens}; test-time tokens: ${stats.testTokens.prompt} prompt, ${stats.testTokens.completion} completion, ${stats.testTokens.cached} cached.`);
        write(`Answers: ${Object.entries(stats.answers).map(([k, v]) => `${k} ${v}`).join(', ')}; latency p50 ${stats.latency.p50} ms, p95 ${stats.latency.p95} ms; passes ${stats.passes.ok} ok, ${stats.passes.failed} failed.`);
        return;
      }
      default:
        if (line.startsWith('/')) return void write(`Unknown command ${command}. /help lists them.`);
        await post(line);
    }
  }

  async function post(text: string): Promise<string> {
    const ts = Date.now();
    // Console ids sort with time and never collide within a process.
    const message: StoredMessage = { id: `${ts}.${String(++sequence).padStart(6, '0')}`, ts, user: CONSOLE_USER, userName: 'you', text };
    await engine.ingest({ type: 'message', channel: current, message });
    return message.id;
  }
}

let sequence = 0;

async function pickChannel(store: Store, channels: Map<string, Channel>, wanted?: string): Promise<Channel> {
  if (wanted) return ensureChannel(store, channels, wanted);
  let best: Channel | undefined;
  let most = -1;
  for (const c of channels.values()) {
    if (c.isPrivate) continue;
    const count = await store.countMessages(c.key);
    if (count > most) [best, most] = [c, count];
  }
  return best ?? ensureChannel(store, channels, 'general');
}

async function ensureChannel(store: Store, channels: Map<string, Channel>, name: string): Promise<Channel> {
  const key = channelKey({ platform: 'console', workspace: CONSOLE_WORKSPACE, channel: name });
  let channel = channels.get(key);
  if (!channel) {
    channel = { key, platform: 'console', workspace: CONSOLE_WORKSPACE, id: name, name, isPrivate: false, isDm: false };
    await store.putChannel(channel);
    channels.set(key, channel);
  }
  return channel;
}

export function describePass(report: PassReport): string {
  if (report.cooldown) {
    return `Pass skipped: ${report.reason ?? 'cooling down'}; another on-demand pass can run ${waitInWords(report.cooldown.retryAfterMs)}.`;
  }
  if (report.status !== 'ok') return `Pass ${report.status}: ${report.reason ?? 'no reason given'}.`;
  const head = `Pass done: read ${report.messagesRead} messages; ${report.newNotes} new notes, ${report.changedNotes} corrected, ${report.droppedNotes} dropped; ${report.anticipated} questions anticipated; ${report.tokens} tokens.`;
  return [head, ...report.highlights.map((h) => `  - ${h}`)].join('\n');
}

import { formatConsoleAnswer } from '../adapters/console/format-answer.js';
import type { MullConfig } from '../config.js';
import { openCore } from '../main.js';
import { oneShotLogger } from './one-shot-logger.js';
import { findChannel } from './find-channel.js';

/**
 * `mull ask [--channel NAME] "question"`. The CLI runs as the operator, who can read the whole
 * store: without --channel the answer may draw on every channel.
 */
export async function askCommand(config: MullConfig, question: string, options: { channel?: string }, out: NodeJS.WritableStream): Promise<void> {
  const core = await openCore(config, oneShotLogger(config));
  try {
    const channels = await core.store.listChannels();
    const scope = options.channel ? [(await findChannel(core.store, options.channel)).key] : channels.map((c) => c.key);
    const answer = await core.engine.ask({ asker: 'cli', askedIn: scope[0] ?? 'console:local:cli', scope, question });
    out.write(`${formatConsoleAnswer(answer, new Map(channels.map((c) => [c.key, c])))}\n`);
  } finally {
    await core.close();
  }
}

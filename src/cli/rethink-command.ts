import { describePass } from '../adapters/console/console.js';
import type { MullConfig } from '../config.js';
import { channelsNeedingPass } from '../engine/create-engine.js';
import { openCore } from '../main.js';
import { oneShotLogger } from './one-shot-logger.js';
import { findChannel } from './find-channel.js';

/** `mull rethink [--channel NAME] [--topic T]`: one channel, or every channel with something new. */
export async function rethinkCommand(config: MullConfig, options: { channel?: string; topic?: string }, out: NodeJS.WritableStream): Promise<boolean> {
  const core = await openCore(config, oneShotLogger(config));
  let ok = true;
  try {
    const keys = options.channel ? [(await findChannel(core.store, options.channel)).key] : await channelsNeedingPass(core.store);
    if (keys.length === 0) out.write('Every channel is up to date.\n');
    for (const key of keys) {
      const channel = await core.store.getChannel(key);
      out.write(`#${channel?.name ?? key}: `);
      const report = await core.engine.rethink(key, options.topic);
      if (report.status === 'failed') ok = false;
      out.write(`${describePass(report)}\n`);
    }
  } finally {
    await core.close();
  }
  return ok;
}

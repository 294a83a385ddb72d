import { describePass } from '../adapters/console/console.js';
import type { MullConfig } from '../config.js';
import { channelsNeedingPass } from '../engine/create-engine.js';
import { openCore } from '../main.js';
import { oneShotLogger } from './one-shot-logger.js';
import { findChannel } from './find-channel.js';

/**
 * `mull rethink [--channel NAME] [--topic T]`: a pass now over one channel, or over every channel
 * with something new. A channel with nothing new since its last pass is skipped unless a topic is
 * given; the channel cooldown (MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES) applies, the per-user one
 * does not (whoever runs the CLI runs the bot).
 */
export async function rethinkCommand(config: MullConfig, options: { channel?: string; topic?: string }, out: NodeJS.WritableStream): Promise<boolean> {
  const core = await openCore(config, oneShotLogger(config));
  let ok = true;
  try {
    const keys = options.channel ? [(await findChannel(core.store, options.channel)).key] : await channelsNeedingPass(core.store);
    if (keys.length === 0) out.write('Every channel is up to date.\n');
    for (const key of keys) {
      const channel = await core.store.getChannel(key);
      out.write(`#${channel?.name ?? key}: `);
      const report = await core.engine.rethink(key, { topic: options.topic, onDemand: true });
      if (report.status === 'failed') ok = false;
      out.write(`${describePass(report)}\n`);
    }
  } finally {
    await core.close();
  }
  return ok;
}

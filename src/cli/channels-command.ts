import type { MullConfig } from '../config.js';
import { openCore } from '../main.js';
import { oneShotLogger } from './one-shot-logger.js';

function when(ts?: number): string {
  return ts ? new Date(ts).toISOString().slice(0, 16).replace('T', ' ') : 'never';
}

/** `mull channels`: name, message count, last pass, anticipated questions. */
export async function channelsCommand(config: MullConfig, out: NodeJS.WritableStream): Promise<void> {
  const core = await openCore(config, oneShotLogger(config));
  try {
    const stats = await core.engine.stats();
    if (stats.channels.length === 0) {
      out.write('No channels yet. `mull import PATH` loads an export; `npm start` connects or opens the console.\n');
      return;
    }
    const rows = stats.channels.map((c) => [`#${c.name}`, c.channel, String(c.messages), when(c.lastPassAt), String(c.anticipated)]);
    const header = ['channel', 'key', 'messages', 'last pass (UTC)', 'anticipated'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows]) out.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
  } finally {
    await core.close();
  }
}

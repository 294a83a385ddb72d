import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Channel } from '../../src/core/types.js';
import type { RunningEngine } from '../../src/engine/create-engine.js';
import { writeSlackExport } from '../../examples/generator/synthetic-export.js';
import { generateWorkspace } from '../../examples/generator/synthetic-workspace.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import { median, medianSpread, round, spread, type Spread } from '../stats.js';
import { rounded } from './adapter-overhead.js';
import { newMessages } from './incremental-pass.js';

/**
 * Measure 5: importing a Slack export (an unpacked folder, as `mull import` reads it) into a fresh
 * SQLite store, and live ingest of single messages through `engine.ingest` on a store that already
 * holds the history (the database indexes each message for search as it stores it).
 */
export interface ImportRate {
  messages: number;
  repetitions: number;
  /** Median over repetitions. @unit messages per second */
  messagesPerSecond: number;
  runs: { ms: number; added: number }[];
}

export async function measureImport(options: { sizes: readonly number[]; repetitions: number; dir: string }): Promise<ImportRate[]> {
  const results: ImportRate[] = [];
  for (const size of options.sizes) {
    const exportDir = join(options.dir, `export-${size}`);
    await mkdir(options.dir, { recursive: true });
    await writeSlackExport(generateWorkspace({ messages: size, seed: 42 }), exportDir);
    const runs: ImportRate['runs'] = [];
    for (let rep = 0; rep < options.repetitions; rep++) {
      const path = join(options.dir, `import-${size}-${rep}.sqlite`);
      await removeDatabase(path);
      const store = await openStore(`sqlite://${path}`);
      const started = performance.now();
      const report = await importHistory(store, exportDir);
      const ms = performance.now() - started;
      await store.close();
      await removeDatabase(path);
      runs.push({ ms: round(ms), added: report.messages.added });
    }
    results.push({
      messages: size,
      repetitions: options.repetitions,
      messagesPerSecond: round(median(runs.map((r) => (r.added / r.ms) * 1000)), 0),
      runs,
    });
  }
  return results;
}

export interface LiveIngest {
  historyMessages: number;
  /** Messages per repetition. */
  messages: number;
  repetitions: number;
  /** Each percentile the median over repetitions. @unit milliseconds per message */
  latency: Spread;
  /** p50 per channel over all repetitions, with the channel's history. @unit milliseconds */
  byChannel: { channel: string; history: number; messages: number; p50: number }[];
}

/**
 * Live messages go where people talk: each channel gets a share of them equal to its share of the
 * history (interleaved by the golden ratio, so every channel's messages are spread over the run).
 */
export async function measureLiveIngest(
  engine: RunningEngine,
  channels: readonly { channel: Channel; history: number }[],
  options: { historyMessages: number; count: number; repetitions: number; afterMs: number },
): Promise<LiveIngest> {
  const total = channels.reduce((s, c) => s + c.history, 0);
  const pick = (i: number) => {
    let position = ((i * 0.6180339887) % 1) * total;
    for (const c of channels) {
      if (position < c.history) return c;
      position -= c.history;
    }
    return channels[channels.length - 1];
  };
  const spreads: Spread[] = [];
  const perChannel = new Map<string, number[]>();
  for (let rep = 0; rep < options.repetitions; rep++) {
    const fresh = newMessages(options.afterMs + rep * 86_400_000, options.count);
    const times: number[] = [];
    for (const [i, message] of fresh.entries()) {
      const target = pick(i);
      const started = performance.now();
      await engine.ingest({ type: 'message', channel: target.channel, message });
      const ms = performance.now() - started;
      times.push(ms);
      perChannel.set(target.channel.name, [...(perChannel.get(target.channel.name) ?? []), ms]);
    }
    spreads.push(spread(times));
  }
  return {
    historyMessages: options.historyMessages,
    messages: options.count,
    repetitions: options.repetitions,
    latency: rounded(medianSpread(spreads)),
    byChannel: channels.map((c) => ({
      channel: c.channel.name,
      history: c.history,
      messages: perChannel.get(c.channel.name)?.length ?? 0,
      p50: round(median(perChannel.get(c.channel.name) ?? []), 2),
    })),
  };
}

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
}

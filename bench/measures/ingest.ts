import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Channel } from '../../src/core/types.js';
import type { RunningEngine } from '../../src/engine/create-engine.js';
import { writeSlackExport } from '../../src/examples/synthetic-export.js';
import { generateWorkspace } from '../../src/examples/synthetic-workspace.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import { median, medianSpread, round, spread, type Spread } from '../stats.js';
import { rounded } from './adapter-overhead.js';
import { newMessages } from './incremental-pass.js';

/**
 * Measure 5: importing a Slack export (an unpacked folder, as `mull import` reads it) into a fresh
 * SQLite store, and live ingest of single messages through `engine.ingest` on a store that already
 * holds the history (search indexes built, as after a pass).
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
}

export async function measureLiveIngest(
  engine: RunningEngine,
  channels: readonly Channel[],
  options: { historyMessages: number; count: number; repetitions: number; afterMs: number },
): Promise<LiveIngest> {
  const spreads: Spread[] = [];
  for (let rep = 0; rep < options.repetitions; rep++) {
    const fresh = newMessages(options.afterMs + rep * 86_400_000, options.count);
    const times: number[] = [];
    for (const [i, message] of fresh.entries()) {
      const channel = channels[i % channels.length];
      const started = performance.now();
      await engine.ingest({ type: 'message', channel, message });
      times.push(performance.now() - started);
    }
    spreads.push(spread(times));
  }
  return { historyMessages: options.historyMessages, messages: options.count, repetitions: options.repetitions, latency: rounded(medianSpread(spreads)) };
}

async function removeDatabase(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
}

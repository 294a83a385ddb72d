#!/usr/bin/env node
/**
 * The store at scale (issue 11's bars), apart from the main suite because building a
 * 1,000,000-message store takes minutes:
 *
 *   npm run bench:store [-- --messages 1000000 --channels 50 --postgres URL]
 *
 * 1. live ingest of one message through `engine.ingest` on a 100,000-message channel, p50
 *    (SQLite; PostgreSQL too with --postgres);
 * 2. bulk writes: N messages in C channels through `putMessages` batches (what an import does
 *    after parsing), search index included, messages/s — then every channel searchable;
 * 3. warm retrieval over that store: `retrieve()` (full-text search + reading the hits back), the
 *    step a warm answer takes from raw history, p95;
 * 4. peak RSS of a fresh process that opens the store and serves offline answers over every
 *    channel (mentions and DMs whose scope is every channel).
 * Prints one JSON object. Each phase runs in its own process so no phase inherits another's heap.
 */
import { ownPeakRssBytes } from '../own-peak-rss.js';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HistoryIndex } from '../../src/answer/history-index.js';
import { retrieve } from '../../src/answer/gather.js';
import type { Channel, StoredMessage } from '../../src/core/types.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { openStore } from '../../src/store/open-store.js';
import { BenchEngineSettings } from '../engine.js';
import { round, spread } from '../stats.js';
import { Prng } from '../../examples/generator/prng.js';

const BASE_TS = Date.UTC(2024, 0, 1);

/** The generator's seeded source (mulberry32), as a function. */
function random(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

/** 3,000 made-up words, drawn Zipf-like, so a few are everywhere and most are rare, as in chat. */
const VOCABULARY = (() => {
  const next = random(1);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'shi', 'do', 'ven', 'par', 'gel', 'ost', 'bri', 'cum', 'fa', 'zo'];
  return Array.from({ length: 3_000 }, () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => syllables[Math.floor(next() * syllables.length)]).join(''));
})();
const word = (next: () => number) => VOCABULARY[Math.floor(VOCABULARY.length * next() ** 3)]!;
const sentence = (next: () => number, words: number) => Array.from({ length: words }, () => word(next)).join(' ');

function channelOf(i: number): Channel {
  const id = `C${String(i).padStart(4, '0')}`;
  return { key: `slack:TSCALE:${id}`, platform: 'slack', workspace: 'TSCALE', id, name: `scale-${i}`, isPrivate: false, isDm: false, members: ['U1', 'U2'] };
}

function messageAt(channel: number, n: number, next: () => number): StoredMessage {
  const ts = BASE_TS + n * 1_000 + channel;
  return { id: `${Math.floor(ts / 1000)}.${String(channel).padStart(6, '0')}`, ts, user: `U${n % 40}`, text: sentence(next, 6 + Math.floor(next() * 14)) };
}

/** Phase: write `messages` messages over `channels` channels in 5,000-message batches. */
async function build(url: string, messages: number, channels: number) {
  const store = await openStore(url);
  const perChannel = Math.ceil(messages / channels);
  const next = random(42);
  const started = performance.now();
  let written = 0;
  for (let c = 0; c < channels; c++) {
    await store.putChannel(channelOf(c));
    for (let start = 0; start < perChannel && written < messages; start += 5_000) {
      const batch: StoredMessage[] = [];
      for (let n = start; n < Math.min(perChannel, start + 5_000) && written + batch.length < messages; n++) batch.push(messageAt(c, n, next));
      written += (await store.putMessages(channelOf(c).key, batch)).added;
    }
  }
  const ms = performance.now() - started;
  // Every channel searchable: a word of its own last message finds that message.
  let searchable = 0;
  for (let c = 0; c < channels; c++) {
    const [last] = await store.readMessages(channelOf(c).key, { newest: true, limit: 1 });
    const hits = await store.searchMessages(channelOf(c).key, last!.text.split(' ').slice(0, 3), 50);
    if (hits.some((hit) => hit.id === last!.id)) searchable++;
  }
  await store.close();
  return { messages: written, channels, ms: round(ms, 0), messagesPerSecond: round((written / ms) * 1000, 0), searchableChannels: searchable };
}

/** Phase: warm retrieval and offline answers over the built store; reports this process's peak RSS. */
async function serve(url: string, channels: number, questions: number) {
  const store = await openStore(url);
  const history = new HistoryIndex(store);
  const engine = createEngine({ store, provider: null, ...BenchEngineSettings });
  const next = random(7);
  const retrievals: number[] = [];
  const answers: number[] = [];
  for (let q = 0; q < questions; q++) {
    const channel = channelOf(q % channels).key;
    const question = `what about ${sentence(next, 3)}?`;
    let started = performance.now();
    await retrieve(store, history, channel, question, 12, new Set());
    retrievals.push(performance.now() - started);
    started = performance.now();
    // Every fifth a DM over every channel: the widest scope an answer can have.
    const scope = q % 5 === 4 ? Array.from({ length: channels }, (_, c) => channelOf(c).key) : [channel];
    await engine.ask({ asker: 'U1', askedIn: q % 5 === 4 ? 'slack:TSCALE:DM' : channel, scope, question });
    answers.push(performance.now() - started);
  }
  await engine.stop();
  await store.close();
  const ms = (values: number[]) => {
    const s = spread(values);
    return { n: s.n, p50: round(s.p50, 2), p95: round(s.p95, 2), p99: round(s.p99, 2) };
  };
  return { retrievalMs: ms(retrievals), offlineAnswerMs: ms(answers), peakRssBytes: ownPeakRssBytes() };
}

/** Phase: live ingest through the engine into a channel that holds `history` messages. */
async function liveIngest(url: string, history: number, count: number) {
  const store = await openStore(url);
  const channel = channelOf(0);
  const next = random(3);
  await store.putChannel(channel);
  for (let start = 0; start < history; start += 5_000) {
    await store.putMessages(channel.key, Array.from({ length: Math.min(5_000, history - start) }, (_, i) => messageAt(0, start + i, next)));
  }
  const engine = createEngine({ store, provider: null, ...BenchEngineSettings });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const message = messageAt(0, history + i, next);
    const started = performance.now();
    await engine.ingest({ type: 'message', channel, message });
    times.push(performance.now() - started);
  }
  await engine.stop();
  await store.close();
  const s = spread(times.slice(20)); // the first few warm the statement paths
  return { history, messages: s.n, p50Ms: round(s.p50, 3), p95Ms: round(s.p95, 3) };
}

function child(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`phase ${args[1]} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      phase: { type: 'string' },
      url: { type: 'string' },
      messages: { type: 'string', default: '1000000' },
      channels: { type: 'string', default: '50' },
      questions: { type: 'string', default: '300' },
      postgres: { type: 'string' },
    },
  });
  const messages = Number(values.messages);
  const channels = Number(values.channels);
  if (values.phase) {
    const url = values.url!;
    const result =
      values.phase === 'build' ? await build(url, messages, channels)
      : values.phase === 'serve' ? await serve(url, channels, Number(values.questions))
      : await liveIngest(url, 100_000, 1_000);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'mull-store-scale-'));
  try {
    const report: Record<string, unknown> = {};
    report.liveIngestSqlite = await child(['--phase', 'live', '--url', `sqlite://${join(dir, 'live.sqlite')}`]);
    if (values.postgres) {
      const schema = `bench_live_${process.pid}`;
      const url = `${values.postgres}${values.postgres.includes('?') ? '&' : '?'}schema=${schema}`;
      try {
        report.liveIngestPostgres = await child(['--phase', 'live', '--url', url]);
      } finally {
        const { default: pg } = await import('pg');
        const pool = new pg.Pool({ connectionString: values.postgres });
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await pool.end();
      }
    }
    const url = `sqlite://${join(dir, 'scale.sqlite')}`;
    const sizes = ['--messages', String(messages), '--channels', String(channels)];
    report.build = await child(['--phase', 'build', '--url', url, ...sizes]);
    report.serve = await child(['--phase', 'serve', '--url', url, ...sizes, '--questions', values.questions!]);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

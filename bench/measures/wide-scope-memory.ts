import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnticipatedQuestion, Channel } from '../../src/core/types.js';
import { openStore } from '../../src/store/open-store.js';
import { Prng } from '../../examples/generator/prng.js';
import { median } from '../stats.js';
import { ensureCli } from './bad-input-memory.js';

/**
 * Measure 14i (issue 14 point 8): peak RSS of a question whose scope is every channel (what a DM
 * in a big workspace asks), over learned contexts that carry embeddings. `mull ask` without
 * --channel, as an operator runs it, in a child process per run on one prepared SQLite store, no
 * model (the offline answer: what is measured is loading and ranking the scope, not a model
 * call), peak RSS = the process's own high-water mark reported on exit (max-rss-preload.ts). The reference is the
 * same question with --channel (a scope of one): the bar is on the difference, so it holds
 * whatever the CLI's own floor.
 *
 * Assumptions that shape the figure, written here as the brief asks:
 * - every channel has been passed over and each prepared question carries vectors for itself,
 *   its paraphrases and its look-alikes (text-embedding-3-small's 1,536 dimensions): the heaviest
 *   learned contexts Mull writes;
 * - the answer sits in one channel in the middle of the sorted scope, so it is not among the
 *   first channels read;
 * - vectors are random unit-ish values: their size, not their content, is what costs memory.
 */
export interface WideScopeOptions {
  channels: number;
  questionsPerChannel: number;
  /** Vectors per prepared question: itself, its paraphrases and its look-alikes. */
  wordingsPerQuestion: number;
  dimensions: number;
  repetitions: number;
  timeoutMs: number;
}

export interface WideScopeRun {
  peakRssBytes: number | null;
  wallMs: number;
  exitCode: number | null;
  answeredFromRightChannel: boolean;
}

export interface WideScopeMemory {
  options: WideScopeOptions;
  /** The prepared SQLite file. @unit bytes */
  storeBytes: number;
  /** The embeddings the store holds, as float64. @unit bytes */
  vectorBytes: number;
  wide: WideScopeRun[];
  one: WideScopeRun[];
  /** Median peak RSS of the question over every channel. @unit bytes */
  widePeakRssBytes: number | null;
  /** Median peak RSS of the same question over one channel. @unit bytes */
  onePeakRssBytes: number | null;
  /** What the answer says, from the first wide run (trimmed). */
  answerExcerpt: string;
  problem: string | null;
}

/** The channel that knows, and what it knows. */
const KNOWING = (channels: number) => Math.floor(channels / 2);
const QUESTION = 'When does the Orion release ship?';
const FACT = 'Decided: the Orion release ships on 4 May.';

/** Bar 14i: what a question over every channel may cost beyond the same question over one. */
export const WideScopeBar = {
  bytes: 60e6,
  why: 'the 24 channels loaded whole (their vectors: 24 x the per-channel figure) and the ranking a batch at a time; loading every channel whole would add every channel\'s vectors',
} as const;

export async function measureWideScopeMemory(options: WideScopeOptions): Promise<WideScopeMemory> {
  const cli = await ensureCli();
  const preload = fileURLToPath(new URL('./max-rss-preload.js', import.meta.url));
  const dir = await mkdtemp(join(tmpdir(), 'mull-wide-scope-'));
  try {
    const file = join(dir, 'mull.sqlite');
    const vectorBytes = await prepareStore(file, options);
    const storeBytes = (await stat(file)).size + (await stat(`${file}-wal`).then((s) => s.size, () => 0));
    const wide: WideScopeRun[] = [];
    const one: WideScopeRun[] = [];
    let answerExcerpt = '';
    for (let rep = 0; rep < options.repetitions; rep++) {
      const w = await ask(cli, preload, dir, file, [], rep, options.timeoutMs);
      if (rep === 0) answerExcerpt = w.stdout.replace(/\s+/g, ' ').trim().slice(0, 200);
      wide.push(w.run);
      one.push((await ask(cli, preload, dir, file, ['--channel', channelOf(KNOWING(options.channels)).name], rep, options.timeoutMs)).run);
    }
    const peaks = (runs: WideScopeRun[]) => (runs.every((r) => r.peakRssBytes !== null) ? median(runs.map((r) => r.peakRssBytes as number)) : null);
    const failed = [...wide, ...one].find((r) => r.exitCode !== 0 || !r.answeredFromRightChannel);
    return {
      options,
      storeBytes,
      vectorBytes,
      wide,
      one,
      widePeakRssBytes: peaks(wide),
      onePeakRssBytes: peaks(one),
      answerExcerpt,
      problem: failed ? `a run exited ${failed.exitCode} or did not answer from the channel that knows ("${answerExcerpt}")` : null,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function channelOf(i: number): Channel {
  const id = `c${String(i).padStart(4, '0')}`;
  return { key: `console:local:${id}`, platform: 'console', workspace: 'local', id, name: `team-${id}`, isPrivate: false, isDm: false };
}

/** The store: every channel passed over, every prepared question with all its vectors. Returns the vectors' bytes. */
async function prepareStore(file: string, o: WideScopeOptions): Promise<number> {
  const store = await openStore(`sqlite://${file}`);
  const prng = new Prng(14);
  const vector = () => Array.from({ length: o.dimensions }, () => prng.next() * 2 - 1);
  try {
    for (let c = 0; c < o.channels; c++) {
      const channel = channelOf(c);
      await store.putChannel(channel);
      const ts = Date.UTC(2026, 0, 1) + c * 60_000;
      const text = c === KNOWING(o.channels) ? FACT : `Team ${c} standup moves to 10:${String(c % 60).padStart(2, '0')}.`;
      const message = { id: `${ts / 1000}.000100`, ts, user: 'U1', userName: 'alice', text };
      await store.putMessages(channel.key, [message]);
      const questions: AnticipatedQuestion[] = Array.from({ length: o.questionsPerChannel }, (_, q) => {
        const knows = c === KNOWING(o.channels) && q === 0;
        const asked = knows ? QUESTION : `What does team ${c} decide about topic ${q}?`;
        const others = o.wordingsPerQuestion - 1;
        const paraphrases = Array.from({ length: Math.ceil(others / 2) }, (_, p) => `${asked} (wording ${p})`);
        const lookalikes = Array.from({ length: Math.floor(others / 2) }, (_, l) => `Not quite: ${asked} (${l})`);
        return {
          id: `q${q}`, question: asked, answer: knows ? 'Orion ships on 4 May.' : `Team ${c} decided item ${q}.`, citations: [message.id], confidence: 0.8,
          subject: knows ? 'Orion release date' : `team ${c} topic ${q}`, paraphrases, lookalikes,
          embedding: vector(), paraphraseEmbeddings: paraphrases.map(vector), lookalikeEmbeddings: lookalikes.map(vector),
        };
      });
      await store.commitLearned({
        channel: channel.key, version: 1, committedAt: ts + 1_000, watermark: { ts, id: message.id }, source: 'model', rework: [],
        summary: `Channel ${channel.name}: standups and decisions of team ${c}.`,
        notes: [{ id: 'n1', kind: 'fact', text, citations: [message.id] }],
        questions,
      }, 0);
    }
  } finally {
    await store.close();
  }
  return o.channels * o.questionsPerChannel * o.wordingsPerQuestion * o.dimensions * 8;
}

async function ask(cli: string, preload: string, dir: string, file: string, extra: string[], rep: number, timeoutMs: number): Promise<{ run: WideScopeRun; stdout: string }> {
  const rusageFile = join(dir, `rusage-${extra.length}-${rep}.json`);
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, MULL_STORE_URL: `sqlite://${file}`, MULL_LLM_PROVIDER: 'none', MULL_BENCH_RUSAGE_FILE: rusageFile };
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, cli, 'ask', ...extra, QUESTION], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.resume();
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exitCode = await new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  clearTimeout(timer);
  let peakRssBytes: number | null = null;
  try {
    peakRssBytes = (JSON.parse(await readFile(rusageFile, 'utf8')) as { maxRssKiB: number }).maxRssKiB * 1024;
  } catch {
    // Killed or crashed: no figure, and the run counts as failed through its exit code.
  }
  return { run: { peakRssBytes, wallMs: performance.now() - started, exitCode, answeredFromRightChannel: stdout.includes('4 May') }, stdout };
}

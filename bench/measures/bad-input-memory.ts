import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeSlackExport } from '../../examples/generator/synthetic-export.js';
import { generateWorkspace } from '../../examples/generator/synthetic-workspace.js';
import { openStore } from '../../src/store/open-store.js';
import { median, round } from '../stats.js';
import { measureWideScopeMemory, type WideScopeMemory, type WideScopeOptions } from './wide-scope-memory.js';
import {
  DayFileName, deflateBuffer, deflateEntry, discordExport, hugeText, MiB, ordinarySlackMessages, repeatedBytes, slackJson,
  slackSkeleton, slackTs, writeSlackFolder, zipArchive, type DeflatedEntry,
} from './bad-input-files.js';

/**
 * Issue 14 point 8: peak memory of `mull import` on bad inputs. Each case runs the real CLI as a
 * user does (`node dist/cli/mull.js import PATH`, built by `npm run build`) in a child process of
 * its own, on a fresh SQLite store in a temp folder, with the default caps (MULL_IMPORT_MAX_FILE_MB
 * 32, MULL_IMPORT_MAX_TOTAL_MB 8192, MULL_IMPORT_MAX_MESSAGE_CHARS 40,000) unless the suite scales
 * them down (the quick suite: a 2 MB file cap and every input scaled by 2/32).
 *
 * Peak RSS is the child's own high-water mark of its resident set (VmHWM; see own-peak-rss.ts for
 * why not getrusage's maxRSS, which carries the parent's), which no sampling interval can miss, reported by a preload (`node --import max-rss-preload.js`)
 * when the process exits. Recorded with it: the exit code, the first line the CLI wrote to stderr
 * (its error), and the messages in the store afterwards (read by the bench through the store).
 */

/** What a case must end in. */
export type Expectation =
  | { kind: 'refused'; /** The file the error must name, as the CLI names it. */ file: string }
  | { kind: 'imported'; messages: number; /** Longest stored text: the cut message's length (cap + the "[…cut]" marker). */ longestChars?: number };

export interface BoundsCase {
  id: string;
  name: string;
  /** The input, in words with its sizes. */
  input: string;
  /** What shapes the figure, written next to it. */
  assumptions: string;
  expected: string;
  /** @unit bytes */
  inputBytes: number;
  /** The largest file the import would read (unpacked), as the files or the zip's directory say. @unit bytes */
  largestFileBytes: number;
  exitCode: number | null;
  signal: string | null;
  /** The CLI's first stderr line (its one-line error); null when it wrote none. */
  firstErrorLine: string | null;
  /** The CLI's summary line on success. */
  summaryLine: string | null;
  messagesStored: number;
  longestStoredChars: number;
  /** Peak RSS (VmHWM) of the CLI process, median over the repetitions; null when a run wrote none (killed, crashed). @unit bytes */
  peakRssBytes: number | null;
  highestPeakRssBytes: number | null;
  repetitions: number;
  runs: { peakRssBytes: number | null; wallMs: number; cpuMs: number | null; exitCode: number | null }[];
  /** @unit milliseconds */
  wallMs: number;
  /** User + system CPU time of the CLI process. @unit milliseconds */
  cpuMs: number | null;
  /** Whether the outcome is the expected one, and why not. */
  outcomeMet: boolean;
  outcomeProblem: string | null;
  /** The bar on peak RSS this case is judged on. @unit bytes */
  rssBarBytes: number;
  rssBarReason: string;
}

export interface BadInputMemory {
  /** The per-file cap the CLI ran with. @unit MiB */
  maxFileMb: number;
  /** Input sizes relative to the full suite's (1 = the sizes named in issue 14). */
  scale: number;
  cli: string;
  method: string;
  cases: BoundsCase[];
  /** 14i: a question over every channel (a DM in a big workspace), not an import; see wide-scope-memory.ts. */
  wideScope?: WideScopeMemory;
}

export interface BoundsOptions {
  /** MULL_IMPORT_MAX_FILE_MB for the CLI; every input is sized relative to it (32 = the default). */
  maxFileMb: number;
  controlMessages: number;
  /** Processes per case (maxRSS of one process varies by about 10 MB from run to run); the median is judged. */
  repetitions: number;
  /** Kill a case's process after this long (counted as failed). @unit milliseconds */
  timeoutMs: number;
  /** 14i, a question over every channel; its repetitions and timeout are the ones above. */
  wideScope: Omit<WideScopeOptions, 'repetitions' | 'timeoutMs'>;
}

/**
 * Bars on peak RSS, in bytes (1 MB = 10^6 bytes here, as in the other bars; the caps are MiB).
 * Reasoning, from the first measured run (2 AMD EPYC cores, Node 20.20, 24 GB) and what a 2-core
 * machine with a few GB can afford:
 * - The CLI itself takes 95-101 MB before it reads a byte of the export (`mull import` of a path
 *   that does not exist, the `floor` run; `mull --help` about 60 MB). It was 130-143 MB until
 *   src/cli/mull.ts loaded each command's modules only when that command runs (the first run of
 *   this measure showed `mull import` loading the engine and the model SDKs). Every bar sits on it.
 * - Refused before reading (the file's size from the file system or the zip's directory): the floor
 *   and about 30 MB, 130 MB. Reading the smallest refused file (the 40 MiB Discord one) would add
 *   at least its 42 MB, the 50 MiB message 52 MB, inflating the 600 MiB bomb far more: a refusal
 *   that read the file fails.
 * - Refused while inflating (the zip whose directory lies): at most the declared size (under the
 *   32 MB cap) is inflated and held before the lie shows, plus its copy: the floor + 2 x 33.5 MB,
 *   about 165 MB. Buffering the whole 600 MB would read over 700 MB.
 * - A file under the cap, imported: it is parsed whole, which the README documents as about ten
 *   times the file at worst: the floor + 10 x 32 MB (a 30 MiB file) = about 420 MB. With the bot
 *   (measure 7's bar: 300 MB) and the OS beside it that still fits a 2 GB machine; 10 x the cap
 *   is why the cap is 32 MB and not more.
 * - The control (10,000 ordinary messages in small day files, one file in memory at a time, 5,000
 *   messages a batch): the floor and about 60 MB, 160 MB. Its export is only 5 MB of JSON, so this
 *   bar bounds what an ordinary import costs, for comparison; it cannot tell one file at a time
 *   from the whole export at once (measure 5's 100,000-message import is where that would show).
 */
export const RssBars = {
  refusedUnread: { bytes: 130e6, why: 'refused before reading: the CLI\'s floor (95-101 MB: src/cli/mull.ts loads a command\'s modules only when it runs) and about 30 MB; reading the smallest refused file (40 MiB) would add at least 42 MB' },
  refusedInflating: { bytes: 165e6, why: 'refused while inflating: the floor plus at most the declared size (under the 32 MB cap) and its copy' },
  importedUnderCap: { bytes: 420e6, why: 'a file under the cap parsed whole: the floor plus ten times the file (the README\'s documented worst case), which a 2 GB machine affords beside the bot' },
  control: { bytes: 160e6, why: 'an ordinary export, one small file in memory at a time: the floor and about 60 MB' },
} as const;

type Bar = (typeof RssBars)[keyof typeof RssBars];

interface Prepared {
  path: string;
  inputBytes: number;
  largestFileBytes: number;
  expect: Expectation;
  expected: string;
}

interface CaseSpec {
  id: string;
  name: string;
  input: string;
  assumptions: string;
  bar: Bar;
  prepare: (dir: string) => Promise<Prepared>;
}

export async function measureBadInputMemory(options: BoundsOptions): Promise<BadInputMemory> {
  const cli = await ensureCli();
  const preload = fileURLToPath(new URL('./max-rss-preload.js', import.meta.url));
  const root = await mkdtemp(join(tmpdir(), 'mull-bounds-'));
  const cases: BoundsCase[] = [];
  try {
    for (const spec of caseSpecs(options)) {
      const dir = join(root, spec.id);
      await mkdir(dir, { recursive: true });
      const prepared = await spec.prepare(dir);
      cases.push(await runCase(spec, prepared, { cli, preload, dir, maxFileMb: options.maxFileMb, timeoutMs: options.timeoutMs }, options.repetitions));
      // Each case's inputs go as soon as it is measured: the disk holds one case at a time.
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const wideScope = await measureWideScopeMemory({ ...options.wideScope, repetitions: options.repetitions, timeoutMs: options.timeoutMs });
  return {
    wideScope,
    maxFileMb: options.maxFileMb,
    scale: round(options.maxFileMb / 32, 4),
    cli: 'node dist/cli/mull.js import PATH',
    method:
      'one child process per case, fresh SQLite store in a temp folder, no .env (cwd is the case folder; the environment holds only PATH, HOME and the MULL_ settings), ' +
      'peak RSS = that process\'s own high-water mark (VmHWM) reported on exit by a preload (node --import); messages counted in the store afterwards',
    cases,
  };
}

function caseSpecs(o: BoundsOptions): CaseSpec[] {
  const s = o.maxFileMb / 32;
  const mib = (full: number) => Math.round(full * s * MiB);
  const mb = (bytes: number) => `${round(bytes / MiB, 1)} MiB`;
  const cap = o.maxFileMb * MiB;
  const capText = `the ${o.maxFileMb} MB cap`;

  const bigMessageDay = () => {
    const text = hugeText(mib(50));
    return Buffer.from(slackJson([{ type: 'message', user: 'U0BOUNDS01', text, ts: slackTs(0) }]));
  };
  // Deflated once, written twice (case 4 honest, case 5 lying): ~600 MiB of spaces.
  let bomb: DeflatedEntry | undefined;
  const bombEntry = async () => (bomb ??= await deflateEntry({ name: DayFileName, chunks: repeatedBytes(mib(600)) }));

  return [
    {
      // Not a bar: what the CLI takes before it reads anything, the floor every bar sits on.
      id: 'floor', name: 'reference: a path that does not exist', bar: RssBars.refusedUnread,
      input: 'mull import of a path that does not exist: the CLI loads, opens the store, refuses',
      assumptions: 'the floor under every case: Node, every module src/cli/mull.ts loads, the SQLite store opened and migrated',
      prepare: async (dir) => {
        const path = join(dir, 'no-such-export');
        return { path, inputBytes: 0, largestFileBytes: 0, expect: { kind: 'refused', file: path }, expected: 'refused naming the path, 0 messages stored' };
      },
    },
    {
      id: '14a', name: 'one 50 MB message, folder', bar: RssBars.refusedUnread,
      input: `Slack export folder whose one day file holds a single ${mb(mib(50))} message`,
      assumptions: 'the file system gives the size before reading, so the file is refused unread; the whole import refused, nothing written',
      prepare: async (dir) => {
        const path = join(dir, 'export');
        const day = bigMessageDay();
        await writeSlackFolder(path, [{ name: DayFileName, data: day }]);
        return { path, inputBytes: await sizeOf(path), largestFileBytes: day.length, expect: { kind: 'refused', file: join(path, DayFileName) }, expected: `refused naming ${DayFileName}, 0 messages stored` };
      },
    },
    {
      id: '14b', name: 'one 50 MB message, zip', bar: RssBars.refusedUnread,
      input: `the same export as a zip (the day file deflated: its text is one paragraph repeated)`,
      assumptions: 'refused from the size in the zip\'s central directory, before inflating',
      prepare: async (dir) => {
        const path = join(dir, 'export.zip');
        const day = bigMessageDay();
        await writeFile(path, zipArchive([...slackSkeleton().map((f) => deflateBuffer(f.name, f.data)), deflateBuffer(DayFileName, day)]));
        return { path, inputBytes: (await stat(path)).size, largestFileBytes: day.length, expect: { kind: 'refused', file: `${path}:${DayFileName}` }, expected: `refused naming export.zip:${DayFileName}, 0 messages stored` };
      },
    },
    {
      id: '14c', name: `day file under the cap with a 25 MB message`, bar: RssBars.importedUnderCap,
      input: `Slack export folder, one day file of ${mb(mib(30))} (under ${capText}): ordinary messages and one of ${mb(mib(25))}`,
      assumptions: 'the file is read and parsed whole (it is under the cap); the long message is cut to 40,000 characters before it is stored',
      prepare: async (dir) => {
        const path = join(dir, 'export');
        const target = mib(30);
        const big = mib(25);
        // Ordinary messages fill what the big one leaves (~230 bytes each as Slack indents them).
        const ordinaryCount = Math.max(1, Math.floor((target - big) / 300));
        const messages: object[] = ordinarySlackMessages(ordinaryCount, 14);
        messages.splice(Math.floor(ordinaryCount / 2), 0, { type: 'message', user: 'U0BOUNDS02', text: hugeText(big), ts: slackTs(ordinaryCount + 1) });
        const day = Buffer.from(slackJson(messages));
        if (day.length > cap) throw new Error(`case 14c: day file ${day.length} bytes, over the cap ${cap}: fix the generator`);
        await writeSlackFolder(path, [{ name: DayFileName, data: day }]);
        return {
          path, inputBytes: await sizeOf(path), largestFileBytes: day.length,
          expect: { kind: 'imported', messages: ordinaryCount + 1, longestChars: 40_000 + ' […cut]'.length },
          expected: `imported: ${(ordinaryCount + 1).toLocaleString('en')} messages, the long one cut to 40,000 characters`,
        };
      },
    },
    {
      id: '14d', name: 'zip bomb, honest directory', bar: RssBars.refusedUnread,
      input: `zip whose day-file entry inflates to ${mb(mib(600))} of repeated bytes (deflated about 1,000 to 1), its size declared truthfully`,
      assumptions: 'refused from the declared size in the central directory; never inflated',
      prepare: async (dir) => {
        const path = join(dir, 'bomb.zip');
        const entry = await bombEntry();
        await writeFile(path, zipArchive([...slackSkeleton().map((f) => deflateBuffer(f.name, f.data)), entry]));
        return { path, inputBytes: (await stat(path)).size, largestFileBytes: entry.size, expect: { kind: 'refused', file: `${path}:${DayFileName}` }, expected: `refused naming bomb.zip:${DayFileName}, 0 messages stored` };
      },
    },
    {
      id: '14e', name: 'zip bomb, lying directory', bar: RssBars.refusedInflating,
      input: `the same entry (inflates to ${mb(mib(600))}) declaring ${mb(cap - mib(1))} (just under ${capText}) in its local header and the central directory`,
      assumptions: 'the lie passes the directory check, so the entry is inflated; inflating must stop once more bytes come than declared (at most the cap), never buffer the 600 MB',
      prepare: async (dir) => {
        const path = join(dir, 'lying.zip');
        const entry = await bombEntry();
        const declared = cap - mib(1);
        await writeFile(path, zipArchive([...slackSkeleton().map((f) => deflateBuffer(f.name, f.data)), entry], { [DayFileName]: declared }));
        return { path, inputBytes: (await stat(path)).size, largestFileBytes: declared, expect: { kind: 'refused', file: `${path}:${DayFileName}` }, expected: `refused naming lying.zip:${DayFileName} while inflating, 0 messages stored` };
      },
    },
    {
      id: '14f', name: 'DiscordChatExporter file under the cap', bar: RssBars.importedUnderCap,
      input: `DiscordChatExporter JSON of ${mb(mib(30))} (under ${capText}) of ordinary messages`,
      assumptions: 'read and parsed whole; DCE writes about 600 bytes of JSON per message (author, empty lists), so many small objects',
      prepare: async (dir) => {
        const path = join(dir, 'Bounds Guild - Text Channels - general [81384788765700001].json');
        const { data, messages } = discordExport(mib(30), 61);
        await writeFile(path, data);
        return { path, inputBytes: data.length, largestFileBytes: data.length, expect: { kind: 'imported', messages }, expected: `imported: ${messages.toLocaleString('en')} messages` };
      },
    },
    {
      id: '14g', name: 'DiscordChatExporter file over the cap', bar: RssBars.refusedUnread,
      input: `DiscordChatExporter JSON of ${mb(mib(40))} (over ${capText})`,
      assumptions: 'refused from its size on disk, unread',
      prepare: async (dir) => {
        const path = join(dir, 'Bounds Guild - Text Channels - general [81384788765700001].json');
        const { data } = discordExport(mib(40), 62);
        await writeFile(path, data);
        return { path, inputBytes: data.length, largestFileBytes: data.length, expect: { kind: 'refused', file: path }, expected: 'refused naming the file, 0 messages stored' };
      },
    },
    {
      id: '14h', name: 'control: an ordinary export', bar: RssBars.control,
      input: `Slack export folder of the synthetic Acme workspace, ${o.controlMessages.toLocaleString('en')} messages (seed 42), day files well under the cap`,
      assumptions: 'what an ordinary import costs, for comparison; the expected count is every message the generator wrote that is not a join notice (the importer skips those)',
      prepare: async (dir) => {
        const path = join(dir, 'export');
        const ws = generateWorkspace({ messages: o.controlMessages, seed: 42 });
        await writeSlackExport(ws, path);
        const expected = [...ws.history.values()].flat().filter((m) => m.subtype !== 'channel_join').length;
        const largest = await largestFile(path);
        return { path, inputBytes: await sizeOf(path), largestFileBytes: largest, expect: { kind: 'imported', messages: expected }, expected: `imported: ${expected.toLocaleString('en')} messages` };
      },
    },
  ];
}

interface RunSettings {
  cli: string;
  preload: string;
  dir: string;
  maxFileMb: number;
  timeoutMs: number;
}

/** One process on the case's input: a fresh store, the CLI to its exit, what it left. */
interface OneRun {
  exitCode: number | null;
  signal: string | null;
  firstErrorLine: string | null;
  summaryLine: string | null;
  messagesStored: number;
  longestStoredChars: number;
  peakRssBytes: number | null;
  wallMs: number;
  cpuMs: number | null;
  problem: string | null;
}

/** The case `repetitions` times, each on a fresh store; its figure is the median peak, its outcome must hold every time. */
async function runCase(spec: CaseSpec, prepared: Prepared, run: RunSettings, repetitions: number): Promise<BoundsCase> {
  const runs: OneRun[] = [];
  for (let rep = 0; rep < repetitions; rep++) runs.push(await runOnce(prepared, run, rep));
  const peaks = runs.map((r) => r.peakRssBytes);
  const allPeaks = peaks.every((p): p is number => p !== null);
  const first = runs.find((r) => r.problem !== null) ?? runs[0]!;
  return {
    id: spec.id,
    name: spec.name,
    input: spec.input,
    assumptions: spec.assumptions,
    expected: prepared.expected,
    inputBytes: prepared.inputBytes,
    largestFileBytes: prepared.largestFileBytes,
    exitCode: first.exitCode,
    signal: first.signal,
    firstErrorLine: first.firstErrorLine,
    summaryLine: first.summaryLine,
    messagesStored: first.messagesStored,
    longestStoredChars: first.longestStoredChars,
    // A run without a figure (killed, crashed) leaves the case without one: never a median of the survivors.
    peakRssBytes: allPeaks ? median(peaks as number[]) : null,
    highestPeakRssBytes: allPeaks ? Math.max(...(peaks as number[])) : null,
    repetitions,
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: runs.every((r) => r.cpuMs !== null) ? median(runs.map((r) => r.cpuMs as number)) : null,
    outcomeMet: runs.every((r) => r.problem === null),
    outcomeProblem: first.problem === null ? null : `${runs.length > 1 ? `run ${runs.indexOf(first) + 1} of ${runs.length}: ` : ''}${first.problem}`,
    rssBarBytes: spec.bar.bytes,
    rssBarReason: spec.bar.why,
    runs: runs.map((r) => ({ peakRssBytes: r.peakRssBytes, wallMs: r.wallMs, cpuMs: r.cpuMs, exitCode: r.exitCode })),
  };
}

async function runOnce(prepared: Prepared, run: RunSettings, rep: number): Promise<OneRun> {
  const store = join(run.dir, `mull-${rep}.sqlite`);
  const rusageFile = join(run.dir, `rusage-${rep}.json`);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: run.dir,
    MULL_STORE_URL: `sqlite://${store}`,
    MULL_LLM_PROVIDER: 'none',
    MULL_IMPORT_MAX_FILE_MB: String(run.maxFileMb),
    MULL_BENCH_RUSAGE_FILE: rusageFile,
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(run.preload).href, run.cli, 'import', prepared.path], { cwd: run.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = collect(child.stdout);
  const err = collect(child.stderr);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, run.timeoutMs);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('close', (code, sig) => done([code, sig])));
  clearTimeout(timer);
  const wallMs = performance.now() - started;

  let usage: { maxRssKiB: number; userCpuMicros: number; systemCpuMicros: number } | undefined;
  try {
    usage = JSON.parse(await readFile(rusageFile, 'utf8'));
  } catch {
    usage = undefined;
  }
  const stored = existsSync(store) ? await storedMessages(store) : { count: 0, longest: 0 };
  const firstErrorLine = err().split('\n').find((line) => line.trim() !== '') ?? null;
  const summaryLine = out().split('\n').find((line) => line.startsWith('Imported ')) ?? null;
  return {
    exitCode,
    signal,
    firstErrorLine: firstErrorLine && firstErrorLine.length > 400 ? `${firstErrorLine.slice(0, 400)}…` : firstErrorLine,
    summaryLine,
    messagesStored: stored.count,
    longestStoredChars: stored.longest,
    peakRssBytes: usage ? usage.maxRssKiB * 1024 : null,
    wallMs: round(wallMs, 0),
    cpuMs: usage ? round((usage.userCpuMicros + usage.systemCpuMicros) / 1000, 0) : null,
    problem: outcomeProblem(prepared.expect, { exitCode, firstErrorLine, stored, timedOut, signal }),
  };
}

function outcomeProblem(
  expect: Expectation,
  got: { exitCode: number | null; firstErrorLine: string | null; stored: { count: number; longest: number }; timedOut: boolean; signal: string | null },
): string | null {
  if (got.timedOut) return 'timed out (killed)';
  if (got.signal) return `ended by ${got.signal}`;
  if (expect.kind === 'refused') {
    if (got.exitCode === 0) return `imported (exit 0, ${got.stored.count} messages) instead of refused`;
    if (!got.firstErrorLine?.includes(expect.file)) return `refused without naming ${expect.file}`;
    if (got.stored.count !== 0) return `${got.stored.count} messages stored after the refusal`;
    return null;
  }
  if (got.exitCode !== 0) return `exit ${got.exitCode}: ${got.firstErrorLine ?? 'no error line'}`;
  if (got.stored.count !== expect.messages) return `${got.stored.count} messages stored, expected ${expect.messages}`;
  if (expect.longestChars !== undefined && got.stored.longest !== expect.longestChars) return `longest stored message ${got.stored.longest} characters, expected ${expect.longestChars}`;
  return null;
}

async function storedMessages(path: string): Promise<{ count: number; longest: number }> {
  const store = await openStore(`sqlite://${path}`);
  try {
    let count = 0;
    let longest = 0;
    for (const channel of await store.listChannels()) {
      for (const message of await store.readMessages(channel.key)) {
        count++;
        longest = Math.max(longest, message.text.length);
      }
    }
    return { count, longest };
  } finally {
    await store.close();
  }
}

/** Keeps what a stream wrote, up to 64 KB (the CLI's progress lines and its one-line error). */
function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    if (text.length < 65_536) text += chunk;
  });
  return () => text;
}

async function sizeOf(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath ?? entry.path, entry.name))).size;
  }
  return total;
}

async function largestFile(path: string): Promise<number> {
  let largest = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) largest = Math.max(largest, (await stat(join(entry.parentPath ?? entry.path, entry.name))).size);
  }
  return largest;
}

/**
 * The CLI as `npm run build` leaves it. Built here when missing or older than a file in src/, so
 * the figures are never those of stale code.
 */
export async function ensureCli(): Promise<string> {
  const cli = resolve('dist', 'cli', 'mull.js');
  const newestSource = await newestMtime(resolve('src'));
  if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource) {
    const built = spawnSync(process.execPath, [resolve('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`npm run build failed: ${(built.stdout + built.stderr).trim().slice(0, 2_000)}`);
  }
  return cli;
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath ?? entry.path, entry.name))).mtimeMs);
  }
  return newest;
}


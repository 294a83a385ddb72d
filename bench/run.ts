#!/usr/bin/env node
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAdapterOverhead } from './measures/adapter-overhead.js';
import { measureBadInputMemory } from './measures/bad-input-memory.js';
import { measureIncrementalPass } from './measures/incremental-pass.js';
import { runQueueBars } from './measures/queue.js';
import { measureImport, measureLiveIngest } from './measures/ingest.js';
import { measureMemory } from './measures/memory.js';
import { measureReplyLatency } from './measures/reply-latency.js';
import { measureSleepGain } from './measures/sleep-gain.js';
import { measureSlackLoad } from './measures/slack-load.js';
import { measureSteadyPass } from './measures/steady-pass.js';
import { measureTestTimeTokens } from './measures/test-time-tokens.js';
import { describeMachine, loadAverage } from './machine.js';
import { FakeModel } from './model/fake-model.js';
import { prepareMultiStore } from './multi-store.js';
import { FullSuite, QuickSuite, type SuiteOptions } from './options.js';
import { boundsBars } from './report/bars.js';
import { gainChart } from './report/gain.js';
import { buildDocument } from './report/document.js';
import { boundsMarkdown, renderMarkdown } from './report/markdown.js';
import type { RawMeasures } from './report/results.js';
import { closeScenario, prepareScenario } from './scenario.js';
import { round } from './stats.js';

/**
 * `npm run bench [-- --quick] [-- --out DIR]`: runs the sleep-time gain of issues 9 and 10 and
 * measures 1-8 of issue 6, and writes latest.json, latest.md and sleep-gain.svg. The full suite writes bench/results/; the quick
 * one (CI) writes bench/.work/quick-results/ unless told otherwise, so it never replaces the
 * committed figures.
 */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, work: { type: 'string' }, only: { type: 'string' } },
  });
  // `--only queue`: issue 12's queue bars alone (they need Redis, the rest of the suite does not).
  if (values.only === 'queue') return runQueueBars(values.out ?? join('bench', 'results'), log);
  // `--only bounds`: issue 14 point 8 alone (peak RSS of `mull import` on bad inputs); `--quick` scales it down.
  if (values.only === 'bounds') return runBoundsBars(values.quick ? QuickSuite : FullSuite, values.out ?? (values.quick ? join('bench', '.work', 'quick-results') : join('bench', 'results')));
  if (values.only !== undefined) throw new Error(`--only ${values.only}: expected queue or bounds`);
  const suite: SuiteOptions = values.quick ? QuickSuite : FullSuite;
  const out = values.out ?? (values.quick ? join('bench', '.work', 'quick-results') : join('bench', 'results'));
  const work = values.work ?? join('bench', '.work', `run-${suite.name}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const started = performance.now();
  const phases: { name: string; seconds: number }[] = [];
  const raw: RawMeasures = { tokens: [], steady: [], incremental: [], imports: [], gain: [], errors: [] };
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    log(`${name}…`);
    const result = await work();
    phases.push({ name, seconds: round((performance.now() - t) / 1000, 1) });
    return result;
  };
  /** A measure whose failure is recorded (its bars then have no figure) rather than ending the run. */
  const optional = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await phase(name, work);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} failed: ${message}`);
      raw.errors.push({ phase: name, message });
      return undefined;
    }
  };
  const model = await FakeModel.start();
  try {
    for (const chatter of suite.gain.chatterPerChannel) {
      const dataset = { chatterPerChannel: chatter, chatterAfterPass: 6, seed: 7 };
      const gain = await optional(`9-10 sleep-time gain, ${chatter} chatter messages per channel`, () => measureSleepGain(model, { dataset, efforts: suite.gain.efforts, budgets: suite.gain.budgets }));
      if (gain) raw.gain.push(gain);
    }
    for (const { messages: size, seeds } of suite.sizes) {
      for (const seed of seeds) {
        const primary = seed === seeds[0];
        const dir = join(work, `s${size}-${seed}`);
        const scenario = await phase(`set up ${size} messages, seed ${seed}`, () => prepareScenario(model, { size, seed, parts: suite.parts, dir }));
        await phase(`1 tokens, ${size}/${seed}`, async () => raw.tokens.push(await measureTestTimeTokens(model, scenario)));
        if (size === suite.referenceSize && primary) {
          raw.latency = await optional(`3 reply latency, ${size}`, () => measureReplyLatency(model, scenario, suite.latency));
        }
        await phase(`2 steady pass, ${size}/${seed}`, async () => raw.steady.push(await measureSteadyPass(model, scenario)));
        if (primary && suite.incremental.includes(size as never)) {
          await phase(`6 incremental pass, ${size}`, async () => raw.incremental.push(await measureIncrementalPass(model, scenario)));
        }
        const overheadHere = primary && size === suite.overhead.size;
        if (overheadHere) {
          const latest = Math.max(...scenario.workspace.channels.flatMap((c) => c.messages.map((m) => m.ts)));
          raw.live = await optional(`5 live ingest, ${size}`, () =>
            measureLiveIngest(scenario.sleep.engine, scenario.workspace.channels.map((c) => ({ channel: c.channel, history: c.messages.length })), { historyMessages: size, count: suite.liveIngest.messages, repetitions: suite.liveIngest.repetitions, afterMs: latest + 7 * 86_400_000 }),
          );
        }
        if (overheadHere) {
          // Measure 4 times the cached path: the live messages above touch prepared answers'
          // subjects (staleness by subject sends those to a check), so the nightly pass runs first.
          await phase(`4 set-up: a pass over every channel, ${size}`, async () => {
            for (const { channel } of scenario.workspace.channels) await scenario.sleep.engine.rethink(channel.key);
          });
        }
        await closeScenario(scenario);
        if (overheadHere) {
          raw.overhead = await optional(`4 overhead, ${size}`, () =>
            measureAdapterOverhead(model, {
              storePath: scenario.sleep.path,
              historyMessages: size,
              channels: scenario.workspace.channels.map((c) => c.channel),
              questions: scenario.workspace.questions,
              samples: suite.overhead,
            }),
          );
        }
        await rm(dir, { recursive: true, force: true });
      }
    }
    raw.imports = (await optional('5 import', () => measureImport({ sizes: suite.importSizes, repetitions: suite.importRepetitions, dir: join(work, 'import') }))) ?? [];
    const m = suite.memory;
    raw.memory = await optional('7 memory', async () => {
      const store = await prepareMultiStore(model, { path: join(work, 'memory', 'mull.sqlite'), workspaces: m.workspaces, messagesEach: m.messagesEach, tagPrefix: 'M', firstSeed: 200 });
      return { ...(await measureMemory(model, store, m)), passes: store.passes };
    });
    const l = suite.load;
    raw.load = await optional('8 load', async () => {
      const store = await prepareMultiStore(model, { path: join(work, 'load', 'mull.sqlite'), workspaces: l.workspaces, messagesEach: l.messagesEach, tagPrefix: 'L', firstSeed: 300 });
      return { ...(await measureSlackLoad(model, store, l)), passes: store.passes };
    });
    raw.bounds = await optional('14 bad-input memory', () => measureBadInputMemory(suite.bounds));
  } finally {
    await model.close();
  }

  const doc = buildDocument({ suite, raw, phases, startedAt, loadAtStart, durationSeconds: round((performance.now() - started) / 1000, 1) });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'latest.json'), `${JSON.stringify(doc, null, 2)}\n`);
  await writeFile(join(out, 'latest.md'), renderMarkdown(doc));
  await writeFile(join(out, 'sleep-gain.svg'), gainChart(doc));
  await rm(work, { recursive: true, force: true });
  for (const bar of doc.bars) log(`${bar.met === null ? '  ?' : bar.met ? ' ok' : 'NOT'} ${bar.id.padEnd(3)} ${bar.what}: ${bar.actual} (bar ${bar.target}; ${bar.margin})`);
  log(`wrote ${join(out, 'latest.json')}, latest.md and sleep-gain.svg in ${doc.durationSeconds} s`);
}

/** `npm run bench -- --only bounds`: measures, prints the bars, writes `bounds.json` to `out`. */
async function runBoundsBars(suite: SuiteOptions, out: string): Promise<void> {
  log(`14 bad-input memory: mull import on bad inputs, ${suite.bounds.maxFileMb} MB file cap…`);
  const started = performance.now();
  const figures = await measureBadInputMemory(suite.bounds);
  const bars = boundsBars(figures);
  await mkdir(out, { recursive: true });
  const measuredAt = new Date().toISOString();
  const machine = describeMachine();
  await writeFile(join(out, 'bounds.json'), `${JSON.stringify({ measuredAt, mode: suite.name, machine, loadAverage1m: loadAverage(), durationSeconds: round((performance.now() - started) / 1000, 1), figures, bars }, null, 2)}\n`);
  await writeFile(
    join(out, 'bounds.md'),
    [
      `# Bad inputs: peak memory of mull import (${suite.name} suite, \`npm run bench -- --only bounds\`)`,
      '',
      `${measuredAt.slice(0, 16).replace('T', ' ')} UTC · ${machine.cpu}, ${machine.cores} cores, ${round(machine.memoryBytes / 2 ** 30, 1)} GiB · Node ${machine.node}`,
      '',
      '| # | What | Bar | Result | Met | Margin |',
      '|---|---|---|---|---|---|',
      ...bars.map((b) => `| ${b.id} | ${b.what} | ${b.target} | ${b.actual} | ${b.met === null ? '—' : b.met ? '✅ met' : '❌ not met'} | ${b.margin} |`),
      '',
      ...boundsMarkdown(figures),
    ].join('\n'),
  );
  for (const bar of bars) log(`${bar.met === null ? '  ?' : bar.met ? ' ok' : 'NOT'} ${bar.id} ${bar.what}: ${bar.actual} (bar ${bar.target}; ${bar.margin})`);
  log(`wrote ${join(out, 'bounds.json')} and bounds.md`);
}

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Keeps `npm run bench` working: compiles the bench with its own tsconfig and runs the quick suite
 * through the same entry point (bench/run.ts), then checks that every measure produced a figure and
 * that the three result files are well formed. The figures themselves are not judged here: CI
 * machines vary, and the bars are for the full suite.
 */
const run = promisify(execFile);
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
let out: string | undefined;
let build: string | undefined;

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
  if (build) await rm(build, { recursive: true, force: true });
});

describe('bench --quick', () => {
  it('runs every measure and writes latest.json, latest.md and the curve', { timeout: 300_000 }, async () => {
    out = await mkdtemp(join(tmpdir(), 'mull-bench-'));
    // A build of its own, inside the repository (so node_modules resolve) but not bench/.build,
    // which a full `npm run bench` running at the same time is loading its processes from.
    build = join('bench', '.work', `quick-test-build-${process.pid}`);
    await run(process.execPath, [tsc, '-p', 'bench/tsconfig.json', '--outDir', build]);
    await run(process.execPath, [join(build, 'bench', 'run.js'), '--quick', '--out', out, '--work', join(out, 'work')], { maxBuffer: 16 * 2 ** 20 });

    const doc = JSON.parse(await readFile(join(out, 'latest.json'), 'utf8'));
    expect(doc).toMatchObject({ suite: 'mull-bench', schema: 1, mode: 'quick' });
    expect(Number.isNaN(Date.parse(doc.date))).toBe(false);
    expect(doc.machine).toMatchObject({ cpu: expect.any(String), cores: expect.any(Number), memoryBytes: expect.any(Number), node: process.version });
    expect(Object.keys(doc.model.latencyModels)).toEqual(expect.arrayContaining(['replyLatency', 'overheadAndMemory', 'load']));

    // Every bar of issues 9, 10 and 6 is there and was judged on a figure (met is true or false, never missing).
    expect(doc.bars.map((b: { id: string }) => b.id)).toEqual(['10a', '10b', '9a', '9b', '9c', '9d', '1b', '3', '4a', '4b', '4c', '5a', '5b', '6', '7', '8a', '8b', '8c', '14a', '14b', '14c', '14d', '14e', '14f', '14g', '14h', '14i']);
    for (const bar of doc.bars) {
      expect(typeof bar.met, `bar ${bar.id}: ${bar.actual}`).toBe('boolean');
      expect(bar.actual).not.toMatch(/NaN|missing/);
    }

    const m = doc.measures;
    expect(m.errors).toEqual([]);
    expect(m.tokens.length).toBeGreaterThanOrEqual(2);
    for (const run of m.tokens) {
      expect(Object.values(run.sleep.paths as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(run.questions);
      expect(run.sleep.paths.offline).toBe(0);
      expect(run.baseline.paths.cold).toBe(run.questions);
      expect(run.passes.failed).toBe(0);
    }
    expect(m.incremental).toHaveLength(2);
    expect(m.latency.cached.n + m.latency.verified.n + m.latency.warm.n + m.latency.coldFallback.n).toBe(m.latency.sleepAll.n);
    expect(m.overhead.cached.n).toBeGreaterThan(0);
    expect(m.overhead.warm.n).toBeGreaterThan(0);
    expect(m.overhead.problems).toEqual([]);
    expect(m.imports[0].runs[0].added).toBeGreaterThan(0);
    expect(m.memory.peakRssBytes).toBeGreaterThan(0);
    expect(m.memory.problems).toEqual([]);
    expect(m.load.mentions).toBeGreaterThan(0);
    expect(m.load.problems).toEqual([]);
    // Issue 14 point 8, scaled down: every bad input ran the CLI to an exit with a peak RSS, and its outcome was the expected one.
    expect(m.bounds.cases.map((c: { id: string }) => c.id)).toEqual(['floor', '14a', '14b', '14c', '14d', '14e', '14f', '14g', '14h']);
    for (const c of m.bounds.cases) {
      expect(c.peakRssBytes, c.id).toBeGreaterThan(0);
      expect(c.outcomeProblem, c.id).toBeNull();
    }
    // 14i, scaled down: the question over every channel was answered from the one that knows, with a figure for each scope.
    expect(m.bounds.wideScope.problem).toBeNull();
    expect(m.bounds.wideScope.widePeakRssBytes).toBeGreaterThan(0);
    expect(m.bounds.wideScope.onePeakRssBytes).toBeGreaterThan(0);
    // The gain: every arm answered every question; Mull's arms ran their passes; the baseline took the cold path only.
    const [gain] = doc.aggregates.gain;
    expect(gain.arms.map((a: { label: string }) => a.label)).toEqual([
      'Mull, sleep effort low', 'Mull, sleep effort medium', 'Mull, sleep effort high',
      'Baseline, 1,000-token context', 'Baseline, 4,000-token context', 'Baseline, 16,000-token context',
    ]);
    for (const arm of gain.arms) {
      expect(arm.questions).toBe(gain.questions);
      if (arm.kind === 'baseline') expect(arm.paths.cold).toBe(arm.questions);
      else expect(arm.mull.sleep.failed).toEqual([]);
    }
    expect(gain.amortized.points.map((p: { questionsPerChannel: number }) => p.questionsPerChannel)).toEqual([1, 2, 5, 10, 20, 50]);

    const md = await readFile(join(out, 'latest.md'), 'utf8');
    expect(md).toContain('## Bars');
    for (const bar of doc.bars) expect(md).toContain(`| ${bar.id} |`);
    expect(md).toContain('sleep-gain.svg');

    const svg = await readFile(join(out, 'sleep-gain.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // Baseline and Mull in the curve, baseline and Mull in the amortized cost.
    expect(svg.match(/<path /g)).toHaveLength(4);
    expect(svg).not.toMatch(/NaN|undefined/);
  });
});

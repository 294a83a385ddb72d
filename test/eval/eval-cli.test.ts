/**
 * `mull eval` end to end, as a user runs it: `node dist/cli/mull.js eval --dataset <shipped tiny
 * set>` (npm test builds dist/ first) against the benchmark's fake model, an OpenAI-compatible
 * server on 127.0.0.1 reached through OPENAI_BASE_URL by the real openai SDK.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeModelServer } from '../../bench/model/fake-llm.js';
import { runMull } from '../helpers/run-mull.js';

const Root = join(import.meta.dirname, '..', '..');
const Tiny = join(Root, 'examples', 'eval', 'tiny.jsonl');

let server: Server;
let baseURL: string;
let dir: string;

beforeAll(async () => {
  server = createFakeModelServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  dir = await mkdtemp(join(tmpdir(), 'mull-eval-'));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function runEval(args: string[], env: Record<string, string> = { OPENAI_BASE_URL: baseURL, OPENAI_API_KEY: 'sk-eval' }) {
  return runMull(['eval', ...args], { cwd: dir, env: { MULL_STORE_URL: 'memory://', ...env } });
}

describe('mull eval', () => {
  it('runs the tiny shipped set, prints the cost estimate first, shows progress, and writes JSON, Markdown and SVG', { timeout: 60_000 }, async () => {
    const out = join(dir, 'run');
    const run = await runEval(['--dataset', Tiny, '--out', out, '--efforts', 'low,medium', '--budgets', '1000,4000', '--judge']);
    expect(run.code, run.stderr).toBe(0);
    const estimateAt = run.stdout.indexOf('Estimated spend: about');
    expect(estimateAt).toBeGreaterThanOrEqual(0);
    expect(run.stdout.indexOf(' ok ') === -1 || run.stdout.indexOf(' ok ') > estimateAt).toBe(true);
    expect(run.stderr).toMatch(/\[eval\] Mull, sleep effort low: question \d+\/15/);
    expect(run.stderr).toContain('[eval] Baseline, 4,000-token context: question 15/15');

    const report = JSON.parse(await readFile(join(out, 'eval.json'), 'utf8'));
    expect(report).toMatchObject({ tool: 'mull-eval', stopped: false, dataset: { questions: 15, channels: 2 }, settings: { efforts: ['low', 'medium'], budgets: [1000, 4000], judge: true } });
    expect(report.arms.map((a: { label: string }) => a.label)).toEqual(['Mull, sleep effort low', 'Mull, sleep effort medium', 'Baseline, 1,000-token context', 'Baseline, 4,000-token context']);
    expect(report.bars.map((b: { id: string }) => b.id)).toEqual(['10a', '10b', '9a', '9b', '9c', '9d']);
    for (const arm of report.arms) {
      expect(arm.questions).toBe(15);
      // The tiny history fits every budget: the fake finds every answer, whichever path asks.
      expect(arm.correct).toBeGreaterThanOrEqual(14);
      expect(arm.judgedShare).toBeGreaterThan(0.8);
    }
    const baseline = report.arms.find((a: { kind: string }) => a.kind === 'baseline');
    expect(baseline.paths.cold).toBe(15);
    expect(baseline.meanTestTokens).toBeGreaterThan(0);
    expect(report.spentTokens).toBeGreaterThan(0);
    expect(report.answers).toHaveLength(60);

    const md = await readFile(join(out, 'eval.md'), 'utf8');
    expect(md).toContain('## Bars');
    expect(md).toContain('eval.svg');
    const svg = await readFile(join(out, 'eval.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('stops at --max-tokens, says so, exits 1, and still writes what ran', { timeout: 60_000 }, async () => {
    const out = join(dir, 'guarded');
    const run = await runEval(['--dataset', Tiny, '--out', out, '--efforts', 'medium', '--budgets', '1000', '--max-tokens', '2000']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The estimate is above --max-tokens');
    expect(run.stdout).toContain('Stopped at --max-tokens');
    const report = JSON.parse(await readFile(join(out, 'eval.json'), 'utf8'));
    expect(report.stopped).toBe(true);
    // It stops before the next step once spent: at most one pass or question past the guard.
    expect(report.spentTokens).toBeGreaterThanOrEqual(2000);
    expect(report.spentTokens).toBeLessThan(2000 + 4000);
  });

  it('refuses a bad dataset line with its line number, and a run without a model', async () => {
    const bad = join(dir, 'bad.jsonl');
    await (await import('node:fs/promises')).writeFile(bad, '{"type":"message","channel":"c","id":"1","ts":"2025-01-01T00:00:00Z","user":"u","text":"hi"}\n{"type":"question","id":"q","channel":"c","text":"?"}\n');
    const run = await runEval(['--dataset', bad, '--out', join(dir, 'bad')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.jsonl:2: gold');
    const none = await runEval(['--dataset', Tiny], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('mull eval needs a model');
  });
});

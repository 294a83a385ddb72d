/**
 * The real entry point, as a newcomer runs it: `node dist/cli/mull.js start` (what `npm start`
 * runs after building) in a fresh folder, with piped stdin. `npm test` builds dist/ first.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeLlmServer, type FakeTurn, type RecordedRequest } from '../fakes/fake-openai.js';
import { runMull } from '../helpers/run-mull.js';
import { tempDir } from '../helpers/temp-dir.js';
import { isSleepRequest, labelOf, noteLabelOf, promptOf, sleepReply } from '../helpers/scripted-sleep-model.js';

const fresh = () => tempDir('mull-cli-');

let model: FakeLlmServer | undefined;
afterEach(async () => {
  await model?.close();
  model = undefined;
});

describe('npm start with no configuration', () => {
  it('opens the SQLite store, loads the example workspace, and answers with sources in offline mode', async () => {
    const cwd = fresh();
    const run = await runMull(['start'], { cwd, input: '@mull who owns billing?\n' });
    expect(run.code).toBe(0);
    expect(existsSync(join(cwd, 'data', 'mull.sqlite'))).toBe(true);
    expect(run.stderr).toContain('offline mode');
    expect(run.stderr).toMatch(/loaded the example workspace \(examples\/acme\): 5 channels, 400 messages/);
    expect(run.stdout).toContain('Marcus Chen owns billing now');
    expect(run.stdout).toMatch(/Sources:\n {2}\[1\] #support/);
    expect(run.stdout).toContain('(offline: quoted from the history (no model)');
    expect(run.stdout).toContain('No model is configured');

    // The second start finds the store as it was left: no second import.
    const again = await runMull(['start'], { cwd, input: '/channels\n' });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('loaded the example workspace');
    expect(again.stdout).toContain('#leadership');
  });

  it('a bad setting stops start-up with one line naming it', async () => {
    const run = await runMull(['start'], { cwd: fresh(), env: { MULL_STORE_URL: 'ftp://x', MULL_DAILY_TOKEN_BUDGET: '5' } });
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('mull: configuration error: MULL_STORE_URL: unsupported store "ftp://…"; use sqlite://PATH or postgres://USER@HOST:PORT/DB');
  });
});

const LAUNCH_FACTS = [
  { find: 'launch moves to Friday 21 February', kind: 'date' as const, note: 'The launch slipped to Friday 21 February (payment certification).', question: 'When is the launch?', answer: 'Friday 21 February — it slipped a week from 14 February because the payment provider certification slipped.' },
];

function launchModel(request: RecordedRequest): FakeTurn {
  if (isSleepRequest(request)) return sleepReply(request, LAUNCH_FACTS);
  const { system, user } = promptOf(request);
  const label = labelOf(user, '$32') ?? noteLabelOf(system, '21 February');
  return { json: { answer: 'Pro costs $32 per seat per month.', citations: label ? [label] : [], covered: true } };
}

describe('npm start with a model (OpenAI-compatible server)', () => {
  it('/rethink runs a pass; an anticipated question is then answered from the cache with no model call', async () => {
    model = await startFakeOpenAI({ reply: launchModel });
    const cwd = fresh();
    const run = await runMull(['start'], {
      cwd,
      env: { OPENAI_BASE_URL: model.url, MULL_SLEEP_MODEL: 'big', MULL_ANSWER_MODEL: 'small' },
      input: '/channel launch\n/rethink\n@mull when is the launch?\n/stats\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Pass done: read 78 messages; 1 new notes/);
    expect(run.stdout).toContain('Friday 21 February — it slipped a week');
    expect(run.stdout).toMatch(/\(cached: thought out in advance on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(run.stdout).toMatch(/Sources:\n {2}\[1\] #launch · \S+ · 2025-01-\d\d/);
    expect(model.requests.filter(isSleepRequest)).toHaveLength(1);
    expect(model.requests.filter((r) => !isSleepRequest(r))).toHaveLength(0);
    expect(model.requests[0]!.body.model).toBe('big');
    expect(run.stdout).toMatch(/Answers: cached 1, verified 0, warm 0, cold 0, offline 0/);
  });
});

describe('the mull command', () => {
  it('import, channels, rethink, ask and stats work on one store; re-import adds nothing', async () => {
    const cwd = fresh();
    const example = join(import.meta.dirname, '..', '..', 'examples', 'acme');
    const first = await runMull(['import', example], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported a slack export: 5 channels; 400 messages added, 0 updated, 0 already stored/);
    expect(first.stdout).toMatch(/skipped 5: channel_join: membership notice/);
    const second = await runMull(['import', example], { cwd });
    expect(second.stdout).toMatch(/0 messages added, 0 updated, 400 already stored/);

    const channels = await runMull(['channels'], { cwd });
    expect(channels.stdout).toMatch(/#eng-platform\s+slack:\S+\s+154\s+never\s+0/);

    const rethink = await runMull(['rethink', '--channel', 'support'], { cwd });
    expect(rethink.code).toBe(0);
    expect(rethink.stdout).toMatch(/#support: Pass done: read 76 messages/);

    const ask = await runMull(['ask', '--channel', 'support', 'who', 'owns', 'billing?'], { cwd });
    expect(ask.stdout).toContain('Marcus Chen owns billing now');

    const stats = await runMull(['stats', '--json'], { cwd });
    const parsed = JSON.parse(stats.stdout);
    expect(parsed.answers.offline).toBe(1);
    expect(parsed.passes.ok).toBe(1);

    const missing = await runMull(['ask', '--channel', 'nope', 'hello'], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no channel "nope"/);
  });
});

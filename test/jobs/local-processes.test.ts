/**
 * One machine, no Redis (the default): the bot and a `mull rethink` from the CLI on one SQLite
 * file are two processes, and the store's pass lock keeps them off the same channel at once, so
 * the same pass is never paid for twice.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { tempDir } from '../helpers/temp-dir.js';
import { seedWorkspace } from '../slack/harness.js';
import { slashCommand } from '../slack/payloads.js';
import { postCommand, SIGNING_SECRET } from '../slack/signed.js';
import { startCountingModel, type CountingModel } from './counting-model.js';
import { freePort, startMull, stopAll, until } from './mull-process.js';

const GENERAL = 'slack:T0MULL:CGENERAL';
let model: CountingModel | undefined;
let slack: FakeSlack | undefined;
let store: Store | undefined;
afterEach(async () => {
  await stopAll();
  await store?.close();
  await model?.server.close();
  await slack?.close();
  store = model = slack = undefined;
});

it('the bot and `mull rethink` on one SQLite file never pass the same channel at once', async () => {
  const cwd = tempDir('mull-local-');
  model = await startCountingModel({ passMs: 6_000, facts: [{ find: 'launch budget', note: 'The launch budget is 40k dollars.' }] });
  slack = seedWorkspace(await FakeSlack.start());
  const storeUrl = `sqlite://${join(cwd, 'mull.sqlite')}`;
  store = await openStore(storeUrl);
  await store.putChannel({ key: GENERAL, platform: 'slack', workspace: 'T0MULL', id: 'CGENERAL', name: 'general', isPrivate: false, isDm: false });
  await store.putMessages(GENERAL, [{ id: '1700000000.000100', ts: 1_700_000_000_000, user: 'UBOB', text: 'The launch budget is 40k dollars.' }]);
  const env = {
    MULL_STORE_URL: storeUrl, OPENAI_BASE_URL: model.server.url, OPENAI_API_KEY: 'sk-test', MULL_LLM_MAX_RETRIES: '0',
    MULL_QUIET_MINUTES: '60', MULL_RETHINK_USER_COOLDOWN_MINUTES: '0', MULL_RETHINK_CHANNEL_COOLDOWN_MINUTES: '0',
  };
  const port = await freePort();
  const bot = startMull('bot', ['start'], { ...env, SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port) }, cwd);
  await bot.waitFor('Slack: listening');
  await postCommand(`http://127.0.0.1:${port}/slack/events`, slashCommand({ command: '/rethink', text: 'launch', channel: 'CGENERAL', user: 'UALICE', responseUrl: slack.responseUrl('r1') }));
  await until(() => model!.passes.length === 1, 'the bot pass to reach the model');
  const cli = startMull('rethink', ['rethink', '--channel', 'general', '--topic', 'budget'], env, cwd);
  await cli.exited;
  expect(cli.stderr()).toMatch(/busy|another/i);
  expect(model.passes).toHaveLength(1);
  await until(() => slack!.responses.some((r) => r.id === 'r1' && /launch budget|40k/i.test(JSON.stringify(r.body))), 'the /rethink report');
  // Once the bot's pass is done, the CLI's runs.
  const again = startMull('rethink-2', ['rethink', '--channel', 'general', '--topic', 'budget'], env, cwd);
  expect(await again.exited).toBe(0);
  expect(model.passes).toHaveLength(2);
  expect(model.maxOverlap('general')).toBe(1);
}, 60_000);

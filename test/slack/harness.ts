import { Writable } from 'node:stream';
import { startSlack, type SlackHandle, type SlackOptions } from '../../src/adapters/slack/index.js';
import type { Engine } from '../../src/core/engine.js';
import { createEngine, type RunningEngine } from '../../src/engine/create-engine.js';
import { createLogger } from '../../src/core/logger.js';
import type { Store } from '../../src/store/store.js';
import { FakeSlack } from '../fakes/fake-slack.js';
import { openStore } from '../../src/store/open-store.js';
import { postCommand, postEvent, postInteraction, SIGNING_SECRET, type SendOptions } from './signed.js';
import { ScriptedEngine } from './scripted-engine.js';

export interface Harness<E extends Engine = ScriptedEngine> {
  fake: FakeSlack;
  store: Store;
  engine: E;
  slack: SlackHandle;
  /** Every log line written at info or above, as JSON text. */
  logs: string[];
  eventsUrl: string;
  event(payload: unknown, options?: SendOptions): ReturnType<typeof postEvent>;
  command(fields: Record<string, string>, options?: SendOptions): ReturnType<typeof postCommand>;
  interaction(payload: unknown, options?: SendOptions): ReturnType<typeof postInteraction>;
  /** Stops the app (not the fake or the store, so a test can restart against them). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** Workspace every test starts from: a public channel, a private one, two people. */
export function seedWorkspace(fake: FakeSlack): FakeSlack {
  const bot = fake.bot.userId;
  return fake
    .addUser('UALICE', 'alice')
    .addUser('UBOB', 'bob')
    .addUser('UOTHERBOT', 'other-bot', true)
    .addChannel({ id: 'CGENERAL', name: 'general', members: [bot, 'UALICE', 'UBOB'] })
    .addChannel({ id: 'GSECRET', name: 'secret-plans', is_private: true, members: [bot, 'UBOB'] })
    .addChannel({ id: 'DALICE', is_im: true, user: 'UALICE', members: [bot, 'UALICE'] });
}

/**
 * The real Bolt app, over real HTTP (or Socket Mode), against the fake Slack. Switching to the real
 * engine or store is one line each below.
 */
export async function startHarness<E extends Engine = ScriptedEngine>(
  options: { mode?: 'http' | 'socket'; slack?: Partial<SlackOptions>; fake?: FakeSlack; store?: Store; engine?: E } = {},
): Promise<Harness<E>> {
  const fake = options.fake ?? seedWorkspace(await FakeSlack.start());
  const ownsStore = !options.store;
  const store = options.store ?? (await openStore('memory://'));
  // The scripted engine keeps these tests about the adapter; real-engine.test.ts passes the real one.
  const engine = options.engine ?? (new ScriptedEngine() as unknown as E);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const slack = await startSlack(
    { engine, store, logger },
    {
      botToken: fake.botToken,
      apiUrl: fake.apiUrl,
      ...(options.mode === 'socket'
        ? { appToken: fake.appToken }
        : { signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1', processBeforeResponse: true }),
      backfill: false,
      apiRetries: 0,
      ...options.slack,
    },
  );
  const eventsUrl = `${slack.url}/slack/events`;
  return {
    fake,
    store,
    engine,
    slack,
    logs,
    eventsUrl,
    event: (payload, o) => postEvent(eventsUrl, payload, o),
    command: (fields, o) => postCommand(eventsUrl, fields, o),
    interaction: (payload, o) => postInteraction(eventsUrl, payload, o),
    stop: () => slack.stop(),
    async close() {
      await slack.stop();
      await fake.close();
      if (ownsStore) await store.close();
    },
  };
}

/**
 * The adapter on the real engine, offline (no model: answers quote the history, passes mine it),
 * on its own memory store; `close()` also stops the engine and closes the store.
 */
export async function startOfflineHarness(): Promise<Harness<RunningEngine>> {
  const store = await openStore('memory://');
  const engine = createEngine({
    store,
    provider: null,
    sleep: { model: 'none', effort: 'low', nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 60, dailyTokenBudget: null },
    answer: { model: 'none' },
  });
  const harness = await startHarness({ engine, store });
  return {
    ...harness,
    async close() {
      await harness.close();
      await engine.stop();
      await store.close();
    },
  };
}

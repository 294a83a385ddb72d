import { createLogger, silentLogger, type Logger } from '../../src/core/logger.js';
import type { Engine } from '../../src/core/engine.js';
import { createEngine } from '../../src/engine/create-engine.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startDiscord, type DiscordHandle, type DiscordOptions, type DiscordStore } from '../../src/adapters/discord/index.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { acme, type Acme } from './acme.js';
import { MemoryStore } from './memory-store.js';
import { RecordingEngine, ScriptedEngine } from './scripted-engine.js';

export interface DiscordHarness {
  fake: FakeDiscord;
  world: Acme;
  store: MemoryStore;
  engine: RecordingEngine;
  discord: DiscordHandle;
  /** Starts a second adapter on the same fake and store (a restart, or a second process). */
  restart(): Promise<DiscordHandle>;
  close(): Promise<void>;
}

/** An engine with the store it writes to, e.g. the real engine on `openStore('memory://')`. */
export interface Core {
  engine: Engine;
  store: DiscordStore;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The engine behind the recorder: scripted, on the in-test memory store. */
  engine?: (store: MemoryStore) => Engine;
  /** Or a whole core (engine + store), e.g. the real one; it replaces `engine` and `store`. */
  core?: () => Promise<Core>;
  options?: Partial<DiscordOptions>;
  /** Where the adapter logs; defaults to nothing (MULL_TEST_LOG=debug: stderr). */
  logger?: Logger;
  /** Runs after the world is installed, before the adapter connects. */
  before?: (fake: FakeDiscord, world: Acme, store: MemoryStore) => void | Promise<void>;
}

/** The real discord.js, through the adapter, against the fake Discord on 127.0.0.1. */
export async function startDiscordHarness(opts: HarnessOptions = {}): Promise<DiscordHarness> {
  const fake = await FakeDiscord.start();
  const world = acme();
  world.install(fake);
  const store = new MemoryStore();
  await opts.before?.(fake, world, store);
  // MULL_TEST_LOG=debug shows the adapter's log while a test runs.
  const logger = opts.logger ?? (process.env.MULL_TEST_LOG ? createLogger(process.env.MULL_TEST_LOG) : silentLogger);
  const core = opts.core ? await opts.core() : undefined;
  const engine = new RecordingEngine(core?.engine ?? (opts.engine ?? ((s) => new ScriptedEngine(s)))(store));
  const connect = () =>
    startDiscord(
      { engine, store: core?.store ?? store, logger },
      { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, restRetries: 0, backfill: false, ...opts.options },
    );
  const handles: DiscordHandle[] = [];
  const discord = await connect();
  handles.push(discord);
  return {
    fake, world, store, engine, discord,
    async restart() {
      const again = await connect();
      handles.push(again);
      return again;
    },
    async close() {
      for (const handle of handles) await handle.stop();
      await core?.close();
      await fake.stop();
    },
  };
}

/** Polls until `check` returns something truthy. */
export async function waitFor<T>(check: () => T, timeoutMs = 5_000): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
    if (Date.now() > until) throw new Error(`waitFor: timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Lets in-flight gateway events settle, for asserting that something did not happen. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** Messages the bot posted (POST /channels/:id/messages), optionally in one channel. */
export function posted(h: Pick<DiscordHarness, 'fake'>, channelId?: string) {
  return h.fake.calls('POST', new RegExp(`^/channels/${channelId ?? '\\d+'}/messages$`));
}

/** Waits for the bot's first post (in a channel). */
export function firstPost(h: Pick<DiscordHarness, 'fake'>, channelId?: string) {
  return waitFor(() => posted(h, channelId)[0]);
}

/**
 * The real engine, offline (no model: answers quote the stored history, passes mine it), on the
 * real memory store; `store` is the whole Store, for assertions on what was kept.
 */
export async function offlineCore(): Promise<Core & { store: Store }> {
  const store = await openStore('memory://');
  const engine = createEngine({
    store, provider: null,
    sleep: { model: 'none', effort: 'low', nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 60, dailyTokenBudget: null },
    answer: { model: 'none' },
  });
  return { engine, store, async close() { await engine.stop(); await store.close(); } };
}

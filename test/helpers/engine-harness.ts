import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type EngineOptions, type RunningEngine } from '../../src/engine/create-engine.js';
import { createProvider } from '../../src/llm/create-provider.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import type { Channel, StoredMessage } from '../../src/core/types.js';
import { startFakeAnthropic } from '../fakes/fake-anthropic.js';
import { startFakeOpenAI, type FakeLlmServer, type FakeScript } from '../fakes/fake-openai.js';

export interface Harness {
  store: Store;
  engine: RunningEngine;
  model: FakeLlmServer | null;
  close(): Promise<void>;
}

/** A real engine on a real SQLite store, with the real OpenAI SDK talking to the fake server. */
export async function startHarness(options: {
  reply?: FakeScript;
  offline?: boolean;
  storeUrl?: string;
  sleep?: Partial<EngineOptions['sleep']>;
  answer?: Partial<EngineOptions['answer']>;
  /** Turns on embeddings, with the fake's vectors for a text. */
  embed?: (text: string) => number[];
  /** Which provider (and fake server) to run; OpenAI by default. */
  provider?: 'openai' | 'anthropic';
  /** What the engine sees of the store, e.g. a wrapper that counts reads (the harness keeps the real one). */
  wrapStore?: (store: Store) => Store;
} = {}): Promise<Harness> {
  // A store folder of its own unless the test brings a store; removed again by close().
  const folder = options.storeUrl ? undefined : mkdtempSync(join(tmpdir(), 'mull-engine-'));
  const store = await openStore(options.storeUrl ?? `sqlite://${join(folder!, 'mull.sqlite')}`);
  const kind = options.provider ?? 'openai';
  const model = options.offline
    ? null
    : kind === 'anthropic'
      ? await startFakeAnthropic({ reply: options.reply ?? 'ok' })
      : await startFakeOpenAI({ reply: options.reply ?? 'ok', embed: options.embed });
  const provider = model
    ? createProvider({
        provider: kind, apiKey: 'sk-test', baseURL: model.url, maxRetries: 0,
        embeddingModel: options.embed ? 'embed-model' : undefined,
      })
    : null;
  const engine = createEngine({
    store: options.wrapStore ? options.wrapStore(store) : store,
    provider,
    sleep: { model: 'sleep-model', effort: 'medium', nightlyCron: '0 3 * * *', timezone: 'UTC', quietMinutes: 60, dailyTokenBudget: null, ...options.sleep },
    answer: { model: 'answer-model', ...options.answer },
  });
  return {
    store,
    engine,
    model,
    async close() {
      await engine.stop();
      await store.close();
      await model?.close();
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const LAUNCH: Channel = {
  key: 'console:local:launch', platform: 'console', workspace: 'local', id: 'launch', name: 'launch', isPrivate: false, isDm: false,
};

let clock = Date.UTC(2026, 2, 1, 9, 0);
export function message(text: string, user = 'alice', extra: Partial<StoredMessage> = {}): StoredMessage {
  clock += 60_000;
  return { id: `${clock / 1000}.000100`, ts: clock, user, userName: user, text, ...extra };
}

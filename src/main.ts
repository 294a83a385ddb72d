/**
 * The composition root: config -> store -> provider -> engine -> adapters. The only module that
 * knows every part; each part receives what it needs as plain options.
 */
import type { MullConfig } from './config.js';
import { createLogger, type Logger } from './core/logger.js';
import { createEngine, type RunningEngine } from './engine/create-engine.js';
import { createBullmqQueue, type BullmqPassQueue } from './jobs/bullmq-queue.js';
import type { PassQueueFactory } from './jobs/pass-queue.js';
import { createProvider } from './llm/create-provider.js';
import type { LlmProvider } from './llm/provider.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface Core {
  config: MullConfig;
  logger: Logger;
  store: Store;
  provider: LlmProvider | null;
  engine: RunningEngine;
  close(): Promise<void>;
}

export function providerFromConfig(config: MullConfig): LlmProvider | null {
  const llm = config.llm;
  if (!llm.provider) return null;
  return createProvider({
    provider: llm.provider,
    // Local OpenAI-compatible servers (Ollama, vLLM) take no key, but the SDK wants one.
    apiKey: llm.apiKey ?? 'local',
    baseURL: llm.baseURL,
    embeddingModel: llm.embeddingModel,
    timeoutMs: llm.timeoutMs,
    maxRetries: llm.maxRetries,
  });
}

export interface OpenCoreOptions {
  /**
   * Run passes in this process: `mull start` in the roles `worker` and `all`. The one-shot
   * commands (`mull rethink`, `ask`, `stats`) only enqueue when MULL_REDIS_URL is set, so a
   * worker runs the pass. Without Redis passes always run here. Defaults to false.
   */
  runWorker?: boolean;
}

/**
 * The BullMQ queue when MULL_REDIS_URL is set; undefined leaves the engine's in-process default.
 * `created` receives the queue, so start-up can wait until it is connected.
 */
export function passQueueFromConfig(
  config: MullConfig,
  runWorker: boolean,
  created?: (queue: BullmqPassQueue) => void,
): PassQueueFactory | undefined {
  const { jobs } = config;
  if (!jobs.redisUrl) return undefined;
  const redisUrl = jobs.redisUrl;
  return (deps) => {
    const queue = createBullmqQueue(deps, {
      redisUrl,
      prefix: jobs.prefix,
      runWorker,
      concurrency: jobs.concurrency,
      workspaceConcurrency: jobs.workspaceConcurrency,
      attempts: jobs.attempts,
      lockDurationMs: jobs.lockMs,
      passTokenReserve: jobs.passTokenReserve,
      nightlyCron: config.sleep.nightlyCron,
      timezone: config.sleep.timezone,
      quietMs: config.sleep.quietMinutes * 60_000,
      dailyTokenBudget: config.sleep.dailyTokenBudget,
    });
    created?.(queue);
    return queue;
  };
}

/** Opens the store and builds the engine, without connecting to any platform. */
export async function openCore(
  config: MullConfig,
  logger: Logger = createLogger(config.logLevel),
  options: OpenCoreOptions = {},
): Promise<Core> {
  // One prefix for every key Mull keeps in Redis: the queue's, and the store's short-lived ones
  // (event de-duplication, answer claims, locks), so deployments and test runs sharing one Redis
  // never see each other's.
  const store = await openStore(config.storeUrl, { redisUrl: config.redisUrl, redisPrefix: `${config.jobs.prefix}:` });
  const provider = providerFromConfig(config);
  let queue: BullmqPassQueue | undefined;
  const engine = createEngine({
    store,
    provider,
    logger,
    sleep: { model: config.llm.sleepModel, ...config.sleep },
    answer: { model: config.llm.answerModel },
    passQueue: passQueueFromConfig(config, options.runWorker ?? false, (created) => (queue = created)),
    purgeAfterDays: config.purgeAfterDays,
  });
  try {
    await queue?.ready();
  } catch (error) {
    await engine.stop().catch(() => undefined);
    await store.close();
    throw error;
  }
  return {
    config,
    logger,
    store,
    provider,
    engine,
    async close() {
      await engine.stop();
      await store.close();
    },
  };
}

/** A short description of where things stand, for the start-up banner (never secrets). */
export function describeSetup(config: MullConfig): string[] {
  const lines: string[] = [];
  const scheme = config.storeUrl.split('://')[0];
  lines.push(`Store: ${scheme === 'sqlite' ? config.storeUrl : `${scheme} (${redactUrl(config.storeUrl)})`}${config.redisUrl ? `; short-lived keys in Redis (${redactUrl(config.redisUrl)})` : ''}`);
  lines.push(
    config.llm.provider
      ? `Model: ${config.llm.provider}${config.llm.baseURL ? ` at ${redactUrl(config.llm.baseURL)}` : ''}; sleep ${config.llm.sleepModel}, answers ${config.llm.answerModel}; sleep effort ${config.sleep.effort}`
      : 'Model: none (offline mode). Set OPENAI_API_KEY or ANTHROPIC_API_KEY (or OPENAI_BASE_URL for Ollama/vLLM) to let Mull reason.',
  );
  lines.push(`Sleep passes: nightly "${config.sleep.nightlyCron}" ${config.sleep.timezone}, and after ${config.sleep.quietMinutes} quiet minutes${config.sleep.dailyTokenBudget !== null ? `; at most ${config.sleep.dailyTokenBudget} tokens a day` : ''}`);
  if (!config.slack && !config.discord) {
    lines.push('Platforms: none configured, so this is the console. Set SLACK_BOT_TOKEN + SLACK_APP_TOKEN or DISCORD_TOKEN to connect (see README).');
  }
  return lines;
}

export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw.split('://')[0] + '://…';
  }
}

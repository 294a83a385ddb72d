import { zeroUsage } from '../core/usage.js';
import type { AskRequest, Engine, IngestEvent, PassReport, RethinkOptions, StatsReport, StatsScope } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { StoreError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Channel, StoredMessage, Workspace } from '../core/types.js';
import { DeletedCache } from '../context/deleted-cache.js';
import { ingestEvent, storeMessages } from '../context/ingest.js';
import { AnticipatedIndex } from '../answer/anticipated-match.js';
import { answerQuestion, DefaultAnswerSettings, type AnswerSettings } from '../answer/answer-question.js';
import { HistoryIndex } from '../answer/history-index.js';
import type { LlmProvider } from '../llm/provider.js';
import { DailyBudget } from '../sleep/daily-budget.js';
import { EffortProfiles } from '../sleep/effort.js';
import { runOfflinePass } from '../sleep/offline-pass.js';
import { DefaultSleepSettings, runModelPass, type PassRequest, type SleepSettings } from '../sleep/pass.js';
import { cooldownReport, DefaultRethinkCooldown, nothingNewReport, RethinkCooldown } from '../sleep/rethink-cooldown.js';
import type { NightlyRun } from '../sleep/nightly.js';
import { createInProcessQueue } from '../jobs/in-process-queue.js';
import type { PassHooks, PassQueueFactory, QueueFigures } from '../jobs/pass-queue.js';
import { isRetryable, RetryablePassError, watchProvider } from '../jobs/retry.js';
import type { Store } from '../store/store.js';
import type { SleepEffort } from '../config.js';
import { buildStats } from './stats.js';
import { blockedReport, createChannelControl, DefaultPurgeAfterDays } from './channel-control.js';

/** How often removed channels are checked for a purge that is due. @unit milliseconds */
const PURGE_SWEEP_MS = 3_600_000;

/** Waits before retrying an event the store failed on. @unit milliseconds */
const INGEST_RETRIES = [250, 1_000, 4_000] as const;

export interface EngineOptions {
  store: Store;
  /** null: offline mode (no model configured). */
  provider: LlmProvider | null;
  logger?: Logger;
  sleep: {
    model: string;
    effort: SleepEffort;
    nightlyCron: string;
    timezone: string;
    /** @unit minutes */
    quietMinutes: number;
    dailyTokenBudget: number | null;
    /** Between two passes one person asks for (`/rethink`); 0: none. Defaults to 10. @unit minutes */
    rethinkUserCooldownMinutes?: number;
    /** Between two on-demand passes of one channel; 0: none. Defaults to 30. @unit minutes */
    rethinkChannelCooldownMinutes?: number;
  } & Partial<Pick<SleepSettings, 'windowTokens' | 'maxBacklogTokens' | 'maxOutputTokens'>>;
  answer: { model: string } & Partial<AnswerSettings>;
  /**
   * Where passes run: BullMQ on Redis when several processes share the work (src/jobs/). Defaults
   * to this process, with the store's lock keeping other local processes off a channel being passed.
   */
  passQueue?: PassQueueFactory;
  /** A channel Mull was removed from is purged this long after (`MULL_PURGE_AFTER_DAYS`). Defaults to 30. @unit days */
  purgeAfterDays?: number;
  /** @unit epoch milliseconds */
  now?: () => number;
}

export interface RunningEngine extends Engine {
  /** Runs the nightly sweep now (for `mull rethink --all` and tests). */
  runNightlyNow(): Promise<NightlyRun>;
  /** Queue figures for `/healthz` and `mull stats`. */
  queueFigures(): Promise<QueueFigures>;
  /**
   * Arms the quiet-period timer of every channel with messages its last pass has not read, so
   * a pass interrupted by a crash or a restart runs again from its old watermark.
   */
  resumePending(): Promise<ChannelKey[]>;
  /** Stops schedules; waits for a running pass to commit. */
  stop(): Promise<void>;
}

/**
 * The platform-neutral engine: context in, passes while quiet, answers out. Adapters call it;
 * it calls the store and the model; nothing here knows which platform a message came from.
 */
export function createEngine(options: EngineOptions): RunningEngine {
  const { store, provider } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => Date.now());
  // Search runs in the database, which indexes a message in the transaction that stores it.
  const history = new HistoryIndex(store);
  const anticipated = new AnticipatedIndex();
  const sleepTokensSince = async (since: number) => {
    const totals = await store.ledgerTotals(undefined, since);
    return totals.sleep.promptTokens + totals.sleep.completionTokens;
  };
  const budget = new DailyBudget({ limit: options.sleep.dailyTokenBudget, timezone: options.sleep.timezone, sleepTokensSince, now });
  const sleepSettings: SleepSettings = {
    ...DefaultSleepSettings,
    model: options.sleep.model,
    profile: EffortProfiles[options.sleep.effort],
    ...pick(options.sleep, ['windowTokens', 'maxBacklogTokens', 'maxOutputTokens']),
  };
  const answerSettings: AnswerSettings = { ...DefaultAnswerSettings, ...options.answer };

  const control = createChannelControl({
    store, logger, now,
    purgeAfterDays: options.purgeAfterDays ?? DefaultPurgeAfterDays,
  });

  const runPass = async (channel: ChannelKey, request: PassRequest, hooks?: PassHooks): Promise<PassReport> => {
    // Every pass (quiet, nightly, /rethink) comes through here: a paused channel, or one Mull was removed from, gets none.
    const blocked = await control.passBlocked(channel);
    if (blocked) return blockedReport(channel, blocked);
    if (!provider) return runOfflinePass(store, channel, now);
    const effort = (await control.channelSettings(channel)).effort;
    const settings = effort ? { ...sleepSettings, profile: EffortProfiles[effort] } : sleepSettings;
    const watched = watchProvider(provider);
    const mayContinue = hooks?.mayContinue ?? (async () => (await budget.canRunPass()).ok);
    const report = await runModelPass({ store, provider: watched.provider, logger, now, settings, mayContinue }, channel, request);
    // A 429 or 5xx behind a failed pass: the queue may run it again later.
    const cause = watched.lastError();
    if (report.status === 'failed' && isRetryable(cause)) throw new RetryablePassError(report, cause);
    return report;
  };

  const queueDeps = { runPass, listChannelsNeedingPass: () => channelsNeedingPass(store), sleepTokensSince, logger };
  const scheduler = options.passQueue?.(queueDeps) ?? createInProcessQueue(queueDeps, {
    // Every store, SQLite included: the bot and a `mull rethink` on one file are two processes.
    lock: store,
    nightlyCron: options.sleep.nightlyCron,
    timezone: options.sleep.timezone,
    quietMinutes: options.sleep.quietMinutes,
    dailyTokenBudget: options.sleep.dailyTokenBudget,
    budget,
    now,
  });

  const cooldown = new RethinkCooldown(
    store,
    {
      userMs: (options.sleep.rethinkUserCooldownMinutes ?? DefaultRethinkCooldown.userMs / 60_000) * 60_000,
      channelMs: (options.sleep.rethinkChannelCooldownMinutes ?? DefaultRethinkCooldown.channelMs / 60_000) * 60_000,
    },
    now,
  );

  const purgeSweep = setInterval(() => {
    control.purgeRemoved().catch((error: unknown) => logger.error({ err: error }, 'purge sweep failed'));
  }, PURGE_SWEEP_MS);
  purgeSweep.unref();

  const knownChannels = new Set<ChannelKey>();
  const ingestDeps = {
    store,
    now,
    deleted: new DeletedCache(store, now),
    onActivity: (channel: ChannelKey, at: number) => scheduler.onActivity(channel, at),
  };

  return {
    async registerWorkspace(workspace: Workspace) {
      await store.putWorkspace(workspace);
    },
    async upsertChannel(channel: Channel) {
      await store.putChannel(channel);
    },
    async ingest(event: IngestEvent) {
      // Adapters upsert channels as they meet them; this covers one that did not, once per process.
      if (event.type === 'message' && !knownChannels.has(event.channel.key)) {
        if (!(await store.getChannel(event.channel.key))) await store.putChannel(event.channel);
        knownChannels.add(event.channel.key);
      }
      // Every step is idempotent, so a store blip is retried here rather than losing the event:
      // a lost deletion would leave a message the author removed in the answers.
      for (let attempt = 0; ; attempt++) {
        try {
          return await ingestEvent(ingestDeps, event);
        } catch (error) {
          if (!(error instanceof StoreError) || attempt >= INGEST_RETRIES.length) throw error;
          logger.warn({ channel: event.type === 'message' ? event.channel.key : event.channel, type: event.type, attempt }, 'store failed during ingest; retrying');
          await new Promise((resolve) => setTimeout(resolve, INGEST_RETRIES[attempt]));
        }
      }
    },
    async ingestHistory(channel: Channel, messages: StoredMessage[]) {
      await store.putChannel(channel);
      // What `/mull forget` dropped stays out: a later backfill page must not bring it back.
      const added = await storeMessages(ingestDeps, channel.key, await control.withoutForgotten(channel.key, messages));
      if (added > 0) scheduler.onActivity(channel.key, now());
      return { added };
    },
    ask(request: AskRequest) {
      return answerQuestion(
        {
          store, provider, history, anticipated, settings: answerSettings, logger, now,
          onUncovered: (channel) => scheduler.onActivity(channel, now()),
        },
        request,
      );
    },
    async rethink(channel: ChannelKey, options?: string | RethinkOptions) {
      const request: RethinkOptions = typeof options === 'string' ? { topic: options } : (options ?? {});
      const topic = request.topic?.trim() || undefined;
      if (!request.onDemand && !request.asker) return scheduler.rethink(channel, topic);
      // Asked for by a person: nothing new and no topic is answered without a pass or a cooldown.
      if (!topic && !(await needsPass(store, channel))) {
        return nothingNewReport(channel, (await store.getLearned(channel, { vectors: false }))?.questions.length ?? 0);
      }
      const claim = await cooldown.claim(channel, request.asker);
      if (!claim.ok) return cooldownReport(channel, claim);
      const report = await scheduler.rethink(channel, topic);
      // Skipped (budget spent, another instance busy, nothing new after all): nothing was spent.
      if (report.status === 'skipped') await claim.giveBack();
      return report;
    },
    async recordFeedback(channel: ChannelKey, vote: 'up' | 'down') {
      await store.record({ channel, ts: now(), phase: 'test', usage: zeroUsage(), feedback: vote });
    },
    async stats(target?: ChannelKey | StatsScope): Promise<StatsReport> {
      return buildStats(store, budget, target);
    },
    channelSettings: control.channelSettings,
    updateChannelSettings: control.updateChannelSettings,
    forget: control.forget,
    channelRemoved: control.channelRemoved,
    channelRestored: control.channelRestored,
    purgeRemoved: control.purgeRemoved,
    recordFeedbackReason: control.recordFeedbackReason,
    overview: control.overview,
    expectedQuestions: control.expectedQuestions,
    runNightlyNow: () => scheduler.runNightlyNow(),
    queueFigures: () => scheduler.figures(),
    async resumePending() {
      const due = await channelsNeedingPass(store);
      for (const key of due) scheduler.onActivity(key, now());
      return due;
    },
    stop: () => {
      clearInterval(purgeSweep);
      return scheduler.stop();
    },
  };
}

/** Channels with messages newer than their last pass's watermark (or never passed). */
export async function channelsNeedingPass(store: Store): Promise<ChannelKey[]> {
  const channels = await store.listChannels();
  const due: ChannelKey[] = [];
  for (const channel of channels) if (await needsPass(store, channel.key)) due.push(channel.key);
  return due;
}

/** Whether a channel has messages its last pass has not read (or never had a pass). */
async function needsPass(store: Store, key: ChannelKey): Promise<boolean> {
  const [last, learned] = await Promise.all([store.lastMessageTs(key), store.getLearned(key, { vectors: false })]);
  if (last === undefined) return false;
  return !learned?.watermark || last > learned.watermark.ts || learned.rework.length > 0;
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

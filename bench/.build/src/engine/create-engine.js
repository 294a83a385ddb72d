import { silentLogger } from '../core/logger.js';
import { ingestEvent } from '../context/ingest.js';
import { AnticipatedIndex } from '../answer/anticipated-match.js';
import { answerQuestion, DefaultAnswerSettings } from '../answer/answer-question.js';
import { HistoryIndex } from '../answer/history-index.js';
import { DailyBudget } from '../sleep/daily-budget.js';
import { EffortProfiles } from '../sleep/effort.js';
import { runOfflinePass } from '../sleep/offline-pass.js';
import { DefaultSleepSettings, runModelPass } from '../sleep/pass.js';
import { createScheduler } from '../sleep/scheduler.js';
import { buildStats } from './stats.js';
/**
 * The platform-neutral engine: context in, passes while quiet, answers out. Adapters call it;
 * it calls the store and the model; nothing here knows which platform a message came from.
 */
export function createEngine(options) {
    const { store, provider } = options;
    const logger = options.logger ?? silentLogger;
    const now = options.now ?? (() => Date.now());
    const history = new HistoryIndex(store);
    const anticipated = new AnticipatedIndex();
    const sleepTokensSince = async (since) => {
        const totals = await store.ledgerTotals(undefined, since);
        return totals.sleep.promptTokens + totals.sleep.completionTokens;
    };
    const budget = new DailyBudget({ limit: options.sleep.dailyTokenBudget, timezone: options.sleep.timezone, sleepTokensSince, now });
    const sleepSettings = {
        ...DefaultSleepSettings,
        model: options.sleep.model,
        profile: EffortProfiles[options.sleep.effort],
        ...pick(options.sleep, ['windowTokens', 'maxBacklogTokens', 'maxOutputTokens']),
    };
    const answerSettings = { ...DefaultAnswerSettings, ...options.answer };
    const runPass = async (channel, request) => {
        const report = provider
            ? await runModelPass({ store, provider, logger, now, settings: sleepSettings, mayContinue: async () => (await budget.canRunPass()).ok }, channel, request)
            : await runOfflinePass(store, channel, now);
        // Sleep time is also when retrieval gets ready, so the first question does not build it.
        if (report.status === 'ok')
            await history.warm(channel).catch(() => undefined);
        return report;
    };
    const scheduler = createScheduler({
        runPass,
        listChannelsNeedingPass: () => channelsNeedingPass(store),
        sleepTokensSince,
        lock: store.backend === 'sqlite' ? undefined : store,
        nightlyCron: options.sleep.nightlyCron,
        timezone: options.sleep.timezone,
        quietMinutes: options.sleep.quietMinutes,
        dailyTokenBudget: options.sleep.dailyTokenBudget,
        logger,
        now,
    });
    const knownChannels = new Set();
    const ingestDeps = {
        store,
        now,
        onStored: (channel, message) => history.add(channel, message),
        onRemoved: (channel, id) => history.remove(channel, id),
        onActivity: (channel, at) => scheduler.onActivity(channel, at),
    };
    return {
        async registerWorkspace(workspace) {
            await store.putWorkspace(workspace);
        },
        async upsertChannel(channel) {
            await store.putChannel(channel);
        },
        async ingest(event) {
            // Adapters upsert channels as they meet them; this covers one that did not, once per process.
            if (event.type === 'message' && !knownChannels.has(event.channel.key)) {
                if (!(await store.getChannel(event.channel.key)))
                    await store.putChannel(event.channel);
                knownChannels.add(event.channel.key);
            }
            await ingestEvent(ingestDeps, event);
        },
        async ingestHistory(channel, messages) {
            await store.putChannel(channel);
            const result = await store.putMessages(channel.key, messages);
            for (const message of messages)
                await history.add(channel.key, message);
            if (result.added > 0)
                scheduler.onActivity(channel.key, now());
            return { added: result.added };
        },
        ask(request) {
            return answerQuestion({
                store, provider, history, anticipated, settings: answerSettings, logger, now,
                onUncovered: (channel) => scheduler.onActivity(channel, now()),
            }, request);
        },
        rethink(channel, topic) {
            return scheduler.rethink(channel, topic);
        },
        async recordFeedback(channel, vote) {
            await store.record({ channel, ts: now(), phase: 'test', usage: { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 }, feedback: vote });
        },
        async stats(channel) {
            return buildStats(store, budget, channel);
        },
        runNightlyNow: () => scheduler.runNightlyNow(),
        stop: () => scheduler.stop(),
    };
}
/** Channels with messages newer than their last pass's watermark (or never passed). */
export async function channelsNeedingPass(store) {
    const channels = await store.listChannels();
    const due = [];
    for (const channel of channels) {
        const [last, learned] = await Promise.all([store.lastMessageTs(channel.key), store.getLearned(channel.key)]);
        if (last === undefined)
            continue;
        if (!learned?.watermark || last > learned.watermark.ts || learned.rework.length > 0)
            due.push(channel.key);
    }
    return due;
}
function pick(source, keys) {
    const out = {};
    for (const key of keys)
        if (source[key] !== undefined)
            out[key] = source[key];
    return out;
}

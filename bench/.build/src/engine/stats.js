export function percentile(values, p) {
    if (values.length === 0)
        return 0;
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank];
}
/** The ledger and the channels' state, per channel or in total, for `mull stats` and /mull stats. */
export async function buildStats(store, budget, channel) {
    const channels = channel ? [await store.getChannel(channel)].filter((c) => c !== undefined) : await store.listChannels();
    const rows = await Promise.all(channels.map(async (c) => {
        const [messages, learned] = await Promise.all([store.countMessages(c.key), store.getLearned(c.key)]);
        return {
            channel: c.key,
            name: c.name,
            messages,
            lastPassAt: learned?.version ? learned.committedAt : undefined,
            anticipated: learned?.questions.length ?? 0,
            notes: learned?.notes.length ?? 0,
        };
    }));
    const [totals, check] = await Promise.all([store.ledgerTotals(channel), budget.canRunPass()]);
    return {
        channels: rows.sort((a, b) => b.messages - a.messages),
        sleepTokens: totals.sleep.promptTokens + totals.sleep.completionTokens,
        testTokens: { prompt: totals.test.promptTokens, completion: totals.test.completionTokens, cached: totals.test.cachedPromptTokens },
        answers: totals.answers,
        latency: { p50: percentile(totals.latencies, 50), p95: percentile(totals.latencies, 95) },
        passes: totals.passes,
        feedback: totals.feedback,
        budget: { dailyLimit: check.limit, usedToday: check.usedToday, exhausted: !check.ok },
    };
}

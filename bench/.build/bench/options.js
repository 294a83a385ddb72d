export const FullSuite = {
    name: 'full',
    sizes: [
        { messages: 1_000, seeds: [42, 43, 44] },
        { messages: 10_000, seeds: [42, 43, 44] },
        { messages: 100_000, seeds: [42] },
    ],
    parts: 10,
    referenceSize: 10_000,
    latency: { repetitions: 3, intervalMs: 150 },
    incremental: [1_000, 100_000],
    overhead: { size: 100_000, warmup: 20, cached: 200, warm: 100, asDelivered: 20 },
    liveIngest: { messages: 300 },
    importSizes: [10_000, 100_000],
    importRepetitions: 3,
    // 4 workspaces x 5 channels x 25,000 messages: 100,000 messages in 20 channels.
    memory: { workspaces: 4, messagesEach: 25_000, dms: 10, liveMessages: 200 },
    // 10 workspaces x 5 channels: 50 channels.
    load: { workspaces: 10, messagesEach: 1_000, mentions: 200, windowSeconds: 10, commands: 20 },
};
export const QuickSuite = {
    name: 'quick',
    sizes: [
        { messages: 1_000, seeds: [42] },
        { messages: 3_000, seeds: [42] },
    ],
    parts: 4,
    referenceSize: 3_000,
    latency: { repetitions: 1, intervalMs: 100 },
    incremental: [1_000, 3_000],
    overhead: { size: 3_000, warmup: 4, cached: 20, warm: 10, asDelivered: 4 },
    liveIngest: { messages: 50 },
    importSizes: [1_000],
    importRepetitions: 1,
    memory: { workspaces: 4, messagesEach: 500, dms: 2, liveMessages: 20 },
    load: { workspaces: 2, messagesEach: 500, mentions: 20, windowSeconds: 2, commands: 3 },
};

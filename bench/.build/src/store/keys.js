/**
 * Every key the domain store writes, in one place. The variable part (a channel key, a caller's
 * key) always comes last, after a fixed prefix, so no two families can collide whatever
 * characters a channel or state key contains.
 */
export const StoreKeys = {
    workspace: (platform, id) => `workspace/${platform}/${id}`,
    channel: (channel) => `channel/${channel}`,
    /** Sorted list of every channel key put with putChannel. */
    channelIndex: 'channel-index',
    /** The channel's message index: chunk list with bounds and counts (see message-chunks.ts). */
    messageIndex: (channel) => `messages/index/${channel}`,
    /** One chunk of a channel's messages, numbered from the index's counter. */
    messageChunk: (channel, chunk) => `messages/chunk/${chunk}/${channel}`,
    learned: (channel) => `learned/${channel}`,
    questions: (channel) => `questions/${channel}`,
    /** One channel's ledger totals for one UTC day (YYYY-MM-DD). */
    ledgerDay: (channel, day) => `ledger/day/${day}/${channel}`,
    /** Sorted list of the days a channel has ledger totals for. */
    ledgerDays: (channel) => `ledger/days/${channel}`,
    /** A channel's newest reply latencies. */
    ledgerLatencies: (channel) => `ledger/latencies/${channel}`,
    /** Sorted list of every channel with ledger entries (entries may predate putChannel). */
    ledgerChannels: 'ledger/channels',
    once: (key) => `once/${key}`,
    lock: (key) => `lock/${key}`,
    state: (key) => `state/${key}`,
    /** A lease serialising read-modify-write of one family of keys across processes. */
    writeLease: (name) => `write-lease/${name}`,
};

import type { ChannelKey } from '../core/ids.js';

/**
 * Every key the domain store writes, in one place. The variable part (a channel key, a caller's
 * key) always comes last, after a fixed prefix, so no two families can collide whatever
 * characters a channel or state key contains.
 */
export const StoreKeys = {
  workspace: (platform: string, id: string) => `workspace/${platform}/${id}`,
  channel: (channel: ChannelKey) => `channel/${channel}`,
  /** Sorted list of every channel key put with putChannel. */
  channelIndex: 'channel-index',

  /** The channel's message index: chunk list with bounds and counts (see message-chunks.ts). */
  messageIndex: (channel: ChannelKey) => `messages/index/${channel}`,
  /** One chunk of a channel's messages, numbered from the index's counter. */
  messageChunk: (channel: ChannelKey, chunk: number) => `messages/chunk/${chunk}/${channel}`,

  learned: (channel: ChannelKey) => `learned/${channel}`,
  questions: (channel: ChannelKey) => `questions/${channel}`,

  /** One channel's ledger totals for one UTC day (YYYY-MM-DD). */
  ledgerDay: (channel: ChannelKey, day: string) => `ledger/day/${day}/${channel}`,
  /** Sorted list of the days a channel has ledger totals for. */
  ledgerDays: (channel: ChannelKey) => `ledger/days/${channel}`,
  /** A channel's newest reply latencies. */
  ledgerLatencies: (channel: ChannelKey) => `ledger/latencies/${channel}`,
  /** Sorted list of every channel with ledger entries (entries may predate putChannel). */
  ledgerChannels: 'ledger/channels',

  once: (key: string) => `once/${key}`,
  lock: (key: string) => `lock/${key}`,
  state: (key: string) => `state/${key}`,
  /** A lease serialising read-modify-write of one family of keys across processes. */
  writeLease: (name: string) => `write-lease/${name}`,
} as const;

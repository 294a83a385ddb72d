import type { Channel, StoredMessage } from '../../src/core/types.js';
import type { SyntheticChannelRecords } from '../../examples/generator/synthetic-records.js';
import { timeline } from './synthetic.js';

/**
 * Messages that arrive after the last pass and before the questions, at every size. Fixed, so
 * that sizes differ only in history: the generator packs a 100k workspace's year with 16 times
 * the daily traffic of a 1k one, and a day's worth would measure traffic, not history.
 */
export const UnreadMessages = 200;

export interface ChannelBatch {
  channel: Channel;
  messages: StoredMessage[];
}

export interface SlicedHistory {
  /** The history before the unread tail, in equal parts by message count, each per channel. */
  slices: ChannelBatch[][];
  /** The newest `UnreadMessages` messages, in time order, across channels. */
  unread: { channel: Channel; message: StoredMessage }[];
}

/**
 * How a bot that has lived in the workspace saw its history: in parts, with a pass after each
 * (as quiet-period and nightly passes would), and then a tail no pass has read yet when the
 * questions come.
 */
export function sliceHistory(channels: readonly SyntheticChannelRecords[], parts: number, unreadCount = UnreadMessages): SlicedHistory {
  const all = timeline(channels);
  const cut = Math.max(0, all.length - unreadCount);
  const before = all.slice(0, cut);
  const slices: ChannelBatch[][] = [];
  for (let i = 0; i < parts; i++) {
    const part = before.slice(Math.floor((i * before.length) / parts), Math.floor(((i + 1) * before.length) / parts));
    const byChannel = new Map<string, ChannelBatch>();
    for (const { channel, message } of part) {
      const batch = byChannel.get(channel.key) ?? { channel, messages: [] };
      batch.messages.push(message);
      byChannel.set(channel.key, batch);
    }
    slices.push([...byChannel.values()]);
  }
  return { slices, unread: all.slice(cut) };
}

import type { ChannelKey } from '../../src/core/ids.js';
import type { Channel, StoredMessage } from '../../src/core/types.js';
import type { DiscordStore } from '../../src/adapters/discord/context.js';
import type { ReadMessagesOptions } from '../../src/store/store.js';

/**
 * The part of the Store the Discord adapter uses, in memory, plus the message table the scripted
 * engine writes to. Stands in until `openStore('memory://')` (src/store/open-store.ts) lands.
 */
export class MemoryStore implements DiscordStore {
  readonly channels = new Map<ChannelKey, Channel>();
  readonly messages = new Map<ChannelKey, Map<string, StoredMessage>>();
  readonly state = new Map<string, unknown>();
  readonly seen = new Map<string, number>();

  put(channel: ChannelKey, messages: StoredMessage[]): number {
    const table = this.messages.get(channel) ?? new Map<string, StoredMessage>();
    this.messages.set(channel, table);
    let added = 0;
    for (const m of messages) {
      if (!table.has(m.id)) added += 1;
      table.set(m.id, m);
    }
    return added;
  }
  edit(channel: ChannelKey, id: string, text: string, editedTs: number): void {
    const m = this.messages.get(channel)?.get(id);
    if (m) this.messages.get(channel)!.set(id, { ...m, text, editedTs });
  }
  delete(channel: ChannelKey, id: string): void {
    this.messages.get(channel)?.delete(id);
  }
  all(channel: ChannelKey): StoredMessage[] {
    return [...(this.messages.get(channel)?.values() ?? [])].sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
  }

  async setIfAbsent(key: string, _value: string, ttlMs: number): Promise<boolean> {
    const until = this.seen.get(key);
    if (until !== undefined && until > Date.now()) return false;
    this.seen.set(key, Date.now() + ttlMs);
    return true;
  }
  async getState<T>(key: string): Promise<T | undefined> {
    return structuredClone(this.state.get(key)) as T | undefined;
  }
  async setState<T>(key: string, value: T): Promise<void> {
    this.state.set(key, structuredClone(value));
  }
  async getMessage(channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
    return this.messages.get(channel)?.get(id);
  }
  /** The options of every readMessages call, so tests can check reads are paged. */
  readonly reads: { channel: ChannelKey; options?: ReadMessagesOptions }[] = [];
  async readMessages(channel: ChannelKey, options?: ReadMessagesOptions): Promise<StoredMessage[]> {
    this.reads.push({ channel, options });
    const after = options?.after;
    const rows = this.all(channel).filter((m) => !after || m.ts > after.ts || (m.ts === after.ts && m.id > after.id));
    return options?.limit === undefined ? rows : rows.slice(0, options.limit);
  }
}

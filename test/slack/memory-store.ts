import type { ChannelKey } from '../../src/core/ids.js';
import type { AskedQuestion, Channel, LearnedContext, LedgerEntry, StoredMessage, Workspace } from '../../src/core/types.js';
import type { AppendResult, LedgerTotals, ReadMessagesOptions, Store } from '../../src/store/store.js';

/**
 * A minimal in-memory Store for the Slack adapter's tests until `openStore('memory://')` lands
 * (src/store/open-store.ts, another engineer's). It implements what the adapter uses for real
 * (setIfAbsent, locks, state, channels, messages); the engine-only parts throw if reached.
 */
export class MemoryStore implements Store {
  // The interface names persistent backends only; this double behaves like a single-process one.
  readonly backend = 'sqlite' as const;
  readonly #keys = new Map<string, { value: string; expires: number }>();
  readonly #state = new Map<string, unknown>();
  readonly #channels = new Map<ChannelKey, Channel>();
  readonly #messages = new Map<ChannelKey, Map<string, StoredMessage>>();
  readonly #workspaces = new Map<string, Workspace>();

  async putWorkspace(workspace: Workspace): Promise<void> {
    this.#workspaces.set(`${workspace.platform}:${workspace.id}`, workspace);
  }
  async getWorkspace(platform: string, id: string): Promise<Workspace | undefined> {
    return this.#workspaces.get(`${platform}:${id}`);
  }
  async putChannel(channel: Channel): Promise<void> {
    this.#channels.set(channel.key, channel);
  }
  async getChannel(key: ChannelKey): Promise<Channel | undefined> {
    return this.#channels.get(key);
  }
  async listChannels(): Promise<Channel[]> {
    return [...this.#channels.values()];
  }
  async putMessages(channel: ChannelKey, messages: StoredMessage[]): Promise<AppendResult> {
    const map = this.#messages.get(channel) ?? new Map<string, StoredMessage>();
    this.#messages.set(channel, map);
    let added = 0;
    for (const m of messages) {
      if (!map.has(m.id)) added += 1;
      map.set(m.id, m);
    }
    return { added, updated: 0, unchanged: messages.length - added };
  }
  async getMessage(channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
    return this.#messages.get(channel)?.get(id);
  }
  async readMessages(channel: ChannelKey, _options?: ReadMessagesOptions): Promise<StoredMessage[]> {
    return [...(this.#messages.get(channel)?.values() ?? [])].sort((a, b) => a.ts - b.ts);
  }
  async editMessage(channel: ChannelKey, id: string, text: string, editedTs: number): Promise<StoredMessage | undefined> {
    const m = this.#messages.get(channel)?.get(id);
    if (!m) return undefined;
    const updated = { ...m, text, editedTs };
    this.#messages.get(channel)?.set(id, updated);
    return updated;
  }
  async deleteMessage(channel: ChannelKey, id: string): Promise<StoredMessage | undefined> {
    const m = this.#messages.get(channel)?.get(id);
    this.#messages.get(channel)?.delete(id);
    return m;
  }
  async countMessages(channel: ChannelKey): Promise<number> {
    return this.#messages.get(channel)?.size ?? 0;
  }
  async lastMessageTs(channel: ChannelKey): Promise<number | undefined> {
    return (await this.readMessages(channel)).at(-1)?.ts;
  }
  async getLearned(_channel: ChannelKey): Promise<LearnedContext | undefined> {
    return undefined;
  }
  async commitLearned(): Promise<void> {
    throw new Error('MemoryStore (slack tests): commitLearned is engine-only');
  }
  async logQuestion(_question: AskedQuestion): Promise<void> {}
  async listQuestions(): Promise<AskedQuestion[]> {
    return [];
  }
  async record(_entry: LedgerEntry): Promise<void> {}
  async ledgerTotals(): Promise<LedgerTotals> {
    throw new Error('MemoryStore (slack tests): ledgerTotals is engine-only');
  }
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const existing = this.#keys.get(key);
    if (existing && existing.expires > Date.now()) return false;
    this.#keys.set(key, { value, expires: Date.now() + ttlMs });
    return true;
  }
  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const token = crypto.randomUUID();
    return (await this.setIfAbsent(`lock:${key}`, token, ttlMs)) ? token : null;
  }
  async releaseLock(key: string, token: string): Promise<void> {
    if (this.#keys.get(`lock:${key}`)?.value === token) this.#keys.delete(`lock:${key}`);
  }
  async getState<T>(key: string): Promise<T | undefined> {
    const value = this.#state.get(key);
    return value === undefined ? undefined : (structuredClone(value) as T);
  }
  async setState<T>(key: string, value: T): Promise<void> {
    this.#state.set(key, structuredClone(value));
  }
  async deleteState(key: string): Promise<void> {
    this.#state.delete(key);
  }
  async close(): Promise<void> {}
}

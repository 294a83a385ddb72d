import {
  DefaultChannelSettings,
  type ChannelOverview, type ChannelSettings, type Engine, type FeedbackReason, type ForgetReport,
} from '../../src/core/engine.js';
import type { ChannelKey } from '../../src/core/ids.js';

type Control = Pick<
  Engine,
  | 'channelSettings' | 'updateChannelSettings' | 'forget' | 'channelRemoved' | 'channelRestored' | 'purgeRemoved'
  | 'recordFeedbackReason' | 'overview' | 'expectedQuestions'
>;

/**
 * The per-channel control half of the Engine interface, for the adapters' scripted engines: it
 * records every call and keeps settings in memory, so adapter tests assert on what reached it.
 */
export class ScriptedControl implements Control {
  readonly settings = new Map<ChannelKey, ChannelSettings>();
  readonly forgotten: Array<{ channel: ChannelKey; refill?: boolean }> = [];
  readonly removed: ChannelKey[] = [];
  readonly restored: ChannelKey[] = [];
  readonly reasons: FeedbackReason[] = [];
  readonly overviewTargets: ChannelKey[][] = [];
  readonly expectedTargets: ChannelKey[][] = [];
  /** What `expectedQuestions` and `overview` know, per channel, best first. */
  expected = new Map<ChannelKey, string[]>();

  async channelSettings(channel: ChannelKey): Promise<ChannelSettings> {
    return this.settings.get(channel) ?? { ...DefaultChannelSettings };
  }

  async updateChannelSettings(channel: ChannelKey, patch: Partial<ChannelSettings>): Promise<ChannelSettings> {
    const next = { ...(await this.channelSettings(channel)), ...patch };
    this.settings.set(channel, next);
    return next;
  }

  async forget(channel: ChannelKey, options?: { refill?: boolean }): Promise<ForgetReport> {
    this.forgotten.push({ channel, ...options });
    return { channel, messages: 12, notes: 3, anticipated: 2, questions: 1 };
  }

  async channelRemoved(channel: ChannelKey): Promise<void> {
    this.removed.push(channel);
  }

  async channelRestored(channel: ChannelKey): Promise<void> {
    this.restored.push(channel);
  }

  async purgeRemoved(): Promise<ChannelKey[]> {
    return [];
  }

  async recordFeedbackReason(feedback: FeedbackReason): Promise<void> {
    this.reasons.push(feedback);
  }

  async overview(channels: ChannelKey[]): Promise<ChannelOverview[]> {
    this.overviewTargets.push(channels);
    return Promise.all(
      channels.map(async (channel) => ({
        channel,
        name: channel.split(':').at(-1)!.toLowerCase(),
        settings: await this.channelSettings(channel),
        lastPassAt: Date.UTC(2025, 0, 2),
        notes: 7,
        prepared: 3,
        topQuestions: this.expected.get(channel) ?? [],
        week: { sleepTokens: 5000, answerTokens: 150 },
      })),
    );
  }

  async expectedQuestions(channels: ChannelKey[], limit: number): Promise<Array<{ channel: ChannelKey; question: string }>> {
    this.expectedTargets.push(channels);
    return channels.flatMap((channel) => (this.expected.get(channel) ?? []).map((question) => ({ channel, question }))).slice(0, limit);
  }
}

import type { ChannelSettings, Engine, FeedbackReason, PassReport } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { Logger } from '../core/logger.js';
import type { StoredMessage } from '../core/types.js';
import type { Store } from '../store/store.js';
import { channelOverviews, expectedQuestions } from './channel-overview.js';
import { dropChannelSettings, readChannelSettings, writeChannelSettings } from './channel-settings.js';
import { keepFeedbackReason } from './feedback-review.js';
import { dropForgetCutoff, forgetChannel, forgottenBefore, type ForgetOptions } from './forget-channel.js';

/** Default grace period before a removed channel's data is purged (`MULL_PURGE_AFTER_DAYS`). @unit days */
export const DefaultPurgeAfterDays = 30;

export interface ChannelControlDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  /** @unit days */
  purgeAfterDays: number;
}

export type ChannelControl = Pick<
  Engine,
  | 'channelSettings' | 'updateChannelSettings' | 'forget' | 'channelRemoved' | 'channelRestored' | 'purgeRemoved'
  | 'recordFeedbackReason' | 'overview' | 'expectedQuestions'
> & {
  /** Why a pass may not run here now (paused, removed), or undefined when it may. */
  passBlocked(channel: ChannelKey): Promise<string | undefined>;
  /** History from a backfill or import without what `/mull forget` dropped. */
  withoutForgotten(channel: ChannelKey, messages: StoredMessage[]): Promise<StoredMessage[]>;
};

/**
 * Per-channel control: settings, forget, removal and purge, feedback reasons and the App Home's
 * figures. Everything is kept with `Store.getState/setState`, so it needs nothing of the store
 * beyond the interface every backend implements.
 */
export function createChannelControl(deps: ChannelControlDeps): ChannelControl {
  const { store, logger, now } = deps;
  const graceMs = deps.purgeAfterDays * 86_400_000;
  const forget = (channel: ChannelKey, options: ForgetOptions) => forgetChannel({ store, now }, channel, options);

  return {
    channelSettings: (channel) => readChannelSettings(store, channel),
    updateChannelSettings: (channel, patch: Partial<ChannelSettings>) => writeChannelSettings(store, channel, patch),
    async forget(channel, options) {
      const report = await forget(channel, { cutoff: !options?.refill });
      logger.info({ channel, messages: report.messages, notes: report.notes }, 'channel forgotten');
      return report;
    },
    async channelRemoved(channel) {
      await store.markChannelRemoved(channel, now());
      logger.info({ channel, purgeAfterDays: deps.purgeAfterDays }, 'removed from channel; passes stopped');
    },
    async channelRestored(channel) {
      await store.clearChannelRemoved(channel);
    },
    async purgeRemoved() {
      // Channels whose grace period is over.
      const due = Object.entries(await store.removedChannels())
        .filter(([, at]) => now() - at >= graceMs)
        .map(([channel]) => channel);
      for (const channel of due) {
        // Everything goes, the channel's name and member list too: Mull is no longer in it.
        await forget(channel, { cutoff: false, dropChannel: true });
        await Promise.all([dropChannelSettings(store, channel), dropForgetCutoff(store, channel)]);
        await store.clearChannelRemoved(channel);
        logger.info({ channel }, 'purged a channel Mull was removed from');
      }
      return due;
    },
    async recordFeedbackReason(feedback: FeedbackReason) {
      const { reviewed } = await keepFeedbackReason(store, now, feedback);
      logger.info({ channel: feedback.channel, reviewed }, 'feedback reason kept for the next pass');
    },
    overview: (channels) => channelOverviews(store, channels, { now: now(), purgeAfterMs: graceMs }),
    expectedQuestions: (channels, limit) => expectedQuestions(store, channels, limit),
    async passBlocked(channel) {
      if ((await store.removedChannels())[channel] !== undefined) return 'Mull was removed from this channel';
      if (!(await readChannelSettings(store, channel)).passes) return 'passes are paused in this channel';
      return undefined;
    },
    async withoutForgotten(channel, messages) {
      const before = await forgottenBefore(store, channel);
      return before === undefined ? messages : messages.filter((m) => m.ts > before);
    },
  };
}

/** The report of a pass the channel's settings (or Mull's removal) did not allow. */
export function blockedReport(channel: ChannelKey, reason: string): PassReport {
  return {
    channel, status: 'skipped', reason, newNotes: 0, changedNotes: 0, droppedNotes: 0, anticipated: 0,
    messagesRead: 0, tokens: 0, durationMs: 0, highlights: [],
  };
}

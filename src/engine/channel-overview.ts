import type { ChannelOverview } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { Store } from '../store/store.js';
import { readChannelSettings } from './channel-settings.js';

const WEEK_MS = 7 * 86_400_000;
/** Top questions shown per channel in the App Home. */
const TOP_PER_CHANNEL = 3;

/** The App Home's figures for each channel, in the order given; unknown channels are left out. */
export async function channelOverviews(
  store: Store,
  channels: readonly ChannelKey[],
  options: { now: number; purgeAfterMs: number },
): Promise<ChannelOverview[]> {
  const removed = await store.removedChannels();
  const rows = await Promise.all(
    [...new Set(channels)].map(async (key): Promise<ChannelOverview | undefined> => {
      const [channel, learned, settings, week] = await Promise.all([
        store.getChannel(key),
        store.getLearned(key, { vectors: false }),
        readChannelSettings(store, key),
        store.ledgerTotals(key, options.now - WEEK_MS),
      ]);
      if (!channel) return undefined;
      const at = removed[key];
      return {
        channel: key,
        name: channel.name,
        settings,
        lastPassAt: learned?.version && learned.watermark ? learned.committedAt : undefined,
        notes: learned?.notes.length ?? 0,
        prepared: learned?.questions.filter((q) => !q.stale).length ?? 0,
        topQuestions: rankedQuestions(learned?.questions ?? []).slice(0, TOP_PER_CHANNEL).map((q) => q.question),
        week: {
          sleepTokens: week.sleep.promptTokens + week.sleep.completionTokens,
          answerTokens: week.test.promptTokens + week.test.completionTokens,
        },
        ...(at !== undefined ? { removed: { at, purgeAt: at + options.purgeAfterMs } } : {}),
      };
    }),
  );
  return rows.filter((row) => row !== undefined);
}

/**
 * The questions expected most across channels, best first: by the pass's confidence, taking
 * channels in turn on ties so one busy channel does not fill every slot.
 */
export async function expectedQuestions(
  store: Store,
  channels: readonly ChannelKey[],
  limit: number,
): Promise<Array<{ channel: ChannelKey; question: string }>> {
  const perChannel = await Promise.all(
    [...new Set(channels)].sort().map(async (channel) => {
      const learned = await store.getLearned(channel, { vectors: false });
      return rankedQuestions(learned?.questions ?? []).map((q, rank) => ({ channel, question: q.question, confidence: q.confidence, rank }));
    }),
  );
  const seen = new Set<string>();
  return perChannel
    .flat()
    .sort((a, b) => a.rank - b.rank || b.confidence - a.confidence)
    .filter((q) => {
      const key = q.question.trim().toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit)
    .map(({ channel, question }) => ({ channel, question }));
}

function rankedQuestions<T extends { stale?: boolean; confidence: number }>(questions: readonly T[]): T[] {
  return questions.filter((q) => !q.stale).sort((a, b) => b.confidence - a.confidence);
}

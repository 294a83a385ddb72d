import type { ChannelKey } from '../core/ids.js';
import type { Channel, LearnedContext, StoredMessage } from '../core/types.js';
import { contentTerms, messageTokens } from '../context/text.js';
import type { Store } from '../store/store.js';
import type { HistoryIndex } from './history-index.js';

/** A channel the answer may draw on, with what the store knows about it. */
export interface ChannelInPlay {
  channel: Channel;
  learned: LearnedContext | undefined;
}

/** Messages since the pass, newest kept within a token budget, oldest first. */
export async function recentSince(
  store: Store,
  inPlay: ChannelInPlay,
  budgetTokens: number,
  maxMessages: number,
  select: (messages: StoredMessage[]) => StoredMessage[] = (messages) => messages,
): Promise<StoredMessage[]> {
  const after = inPlay.learned?.watermark ?? null;
  const messages = select(await store.readMessages(inPlay.channel.key, { after, newest: true, limit: maxMessages }));
  // Newest first until the budget is spent; one oversized message is skipped, not a wall.
  const kept: StoredMessage[] = [];
  let size = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const cost = messageTokens(messages[i]!.text);
    if (size + cost > budgetTokens) continue;
    size += cost;
    kept.push(messages[i]!);
  }
  return kept.reverse();
}

/** Messages since the pass always shown on the warm path, whatever they say: the conversation now. */
const LATEST_ALWAYS = 8;

/**
 * The warm path's view of what arrived since the pass: the latest few, plus older ones that share
 * a content word with the question. A busy channel's 200 unrelated messages are not what the
 * answer needs; a message that changes a prepared answer almost always names its subject.
 */
export function relevantSince(messages: readonly StoredMessage[], question: string): StoredMessage[] {
  const terms = new Set(contentTerms(question));
  const cut = Math.max(0, messages.length - LATEST_ALWAYS);
  return messages.filter((m, i) => i >= cut || contentTerms(m.text).some((term) => terms.has(term)));
}

/** The raw messages that best match the question, read back from the store, oldest first. */
export async function retrieve(
  store: Store,
  index: HistoryIndex,
  channel: ChannelKey,
  question: string,
  limit: number,
  exclude: ReadonlySet<string>,
): Promise<StoredMessage[]> {
  const hits = (await index.search(channel, question, limit + exclude.size)).filter((hit) => !exclude.has(hit.id)).slice(0, limit);
  const messages = await Promise.all(hits.map((hit) => store.getMessage(channel, hit.id, hit.ts)));
  return messages.filter((m): m is StoredMessage => m !== undefined).sort((a, b) => a.ts - b.ts);
}

/**
 * For a DM whose scope is many channels, the few that bear on the question: those with the best
 * history hits or prepared answers. A mention's scope is its one channel and passes straight through.
 */
export async function channelsInPlay(
  index: HistoryIndex,
  candidates: readonly ChannelInPlay[],
  question: string,
  anticipatedScore: (channel: ChannelKey) => number,
  limit = 3,
): Promise<ChannelInPlay[]> {
  if (candidates.length <= limit) return [...candidates];
  // At most LOADED_WHOLE_AT_MOST candidates (answer-scope.ts ranked a wider scope down to them).
  const scored = await Promise.all(
    candidates.map(async (candidate) => {
      const [top] = await index.search(candidate.channel.key, question, 1);
      return { candidate, score: (top?.score ?? 0) / 10 + anticipatedScore(candidate.channel.key) };
    }),
  );
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.candidate.channel.key.localeCompare(b.candidate.channel.key))
    .slice(0, limit)
    .map((s) => s.candidate);
}

import type { ChannelKey } from '../core/ids.js';
import type { LearnedContext } from '../core/types.js';
import { contentTerms } from '../context/text.js';
import { bestSimilarity } from './anticipated-match.js';
import type { ChannelInPlay } from './gather.js';
import { cosine } from './semantic-match.js';
import type { AnswerDeps } from './turn.js';

/**
 * Channels loaded whole (learned context with its embeddings) for one question at most: a
 * mention's scope is one channel; a DM's is every channel the asker can read, hundreds in a big
 * workspace, and only these few are held in memory and searched.
 */
export const LOADED_WHOLE_AT_MOST = 24;
/** Channels read at a time while ranking a wider scope: all that is held of it at once. */
export const RANKED_PER_BATCH = 16;
/** Of a wider scope's channels kept, how many for each reason (they add up to LOADED_WHOLE_AT_MOST). */
const KEPT = { preparedMatch: 6, meaning: 6, history: 6 } as const;

/** The question's embedding, computed at most once per question; undefined without one. */
export type QuestionVector = () => Promise<number[] | undefined>;

/**
 * The channels an answer may draw on, loaded whole. A scope of up to LOADED_WHOLE_AT_MOST is
 * loaded as is. A wider one is ranked first, RANKED_PER_BATCH channels at a time so memory stays
 * flat whatever the scope: by the words its learned context shares with the question and how well
 * its prepared questions match them (read without embeddings), by how many of the newest messages
 * matching the question's words across the scope are its own (one query), and, when the provider
 * embeds, by its prepared questions' own vectors (read alone, not their paraphrases' or
 * look-alikes'). Only the channels kept are then loaded whole.
 */
export async function loadScope(deps: AnswerDeps, scope: readonly ChannelKey[], question: string, questionVector: QuestionVector): Promise<ChannelInPlay[]> {
  const keys = [...new Set(scope)].sort();
  const kept = keys.length <= LOADED_WHOLE_AT_MOST ? keys : await rankWideScope(deps, keys, question, questionVector);
  const loaded = await Promise.all(
    kept.map(async (key) => {
      const [channel, learned] = await Promise.all([deps.store.getChannel(key), deps.store.getLearned(key)]);
      return channel ? { channel, learned } : undefined;
    }),
  );
  return loaded.filter((c): c is ChannelInPlay => c !== undefined);
}

interface Ranked {
  key: ChannelKey;
  /** Content words of the question found in the learned context; -1 when the channel has none yet. */
  sharedWords: number;
  /** Best term-set similarity of a prepared question (or paraphrase) to the question, 0..1. */
  preparedMatch: number;
  /** Best embedding cosine of a prepared question to the question. */
  meaning: number;
  /** Of the newest matches of the question's words across the scope, how many are in this channel. */
  history: number;
}

async function rankWideScope(deps: AnswerDeps, keys: readonly ChannelKey[], question: string, questionVector: QuestionVector): Promise<ChannelKey[]> {
  const terms = new Set(contentTerms(question));
  const ranked: Ranked[] = [];
  for (let start = 0; start < keys.length; start += RANKED_PER_BATCH) {
    const batch = await Promise.all(
      keys.slice(start, start + RANKED_PER_BATCH).map(async (key) => {
        const [channel, learned] = await Promise.all([deps.store.getChannel(key), deps.store.getLearned(key, { vectors: false })]);
        return channel ? { key, learned } : undefined;
      }),
    );
    for (const item of batch) {
      if (!item) continue;
      ranked.push({
        key: item.key,
        sharedWords: item.learned ? sharedWords(item.learned, terms) : -1,
        preparedMatch: item.learned ? bestSimilarity(question, item.learned) : 0,
        meaning: 0,
        history: 0,
      });
    }
  }
  if (deps.provider?.embed) await rankByMeaning(deps, ranked, questionVector);
  // What the history says, passes or not (a channel never passed over has no learned words yet,
  // and one passed last night may have talked about it since): one bounded query for the scope.
  const mentioned = await deps.store.channelsMentioning(ranked.map((r) => r.key), [...terms]);
  const byKey = new Map(ranked.map((r) => [r.key, r]));
  for (const { channel, matches } of mentioned) {
    const r = byKey.get(channel);
    if (r) r.history = matches;
  }
  const kept = new Set<ChannelKey>();
  const take = (order: (a: Ranked, b: Ranked) => number, count: number, eligible: (r: Ranked) => boolean) => {
    let added = 0;
    for (const r of ranked.filter(eligible).sort((a, b) => order(a, b) || a.key.localeCompare(b.key))) {
      if (added >= count) break;
      if (kept.has(r.key)) continue;
      kept.add(r.key);
      added++;
    }
  };
  take((a, b) => b.preparedMatch - a.preparedMatch, KEPT.preparedMatch, (r) => r.preparedMatch > 0);
  take((a, b) => b.meaning - a.meaning, KEPT.meaning, (r) => r.meaning > 0);
  take((a, b) => b.history - a.history, KEPT.history, (r) => r.history > 0);
  // The rest by shared words; channels never passed over come last (their history is still searched).
  take((a, b) => b.sharedWords - a.sharedWords, LOADED_WHOLE_AT_MOST - kept.size, () => true);
  return [...kept].sort();
}

/** Best cosine of each channel's prepared questions to the question, read a batch of channels at a time. */
async function rankByMeaning(deps: AnswerDeps, ranked: Ranked[], questionVector: QuestionVector): Promise<void> {
  const passed = ranked.filter((r) => r.sharedWords >= 0);
  const byKey = new Map(passed.map((r) => [r.key, r]));
  for (let start = 0; start < passed.length; start += RANKED_PER_BATCH) {
    const rows = await deps.store.questionEmbeddings(passed.slice(start, start + RANKED_PER_BATCH).map((r) => r.key));
    if (rows.length === 0) continue;
    // Embedded only once some channel has vectors to compare with.
    const vector = await questionVector();
    if (!vector) return;
    for (const row of rows) {
      const r = byKey.get(row.channel)!;
      r.meaning = Math.max(r.meaning, cosine(vector, row.embedding));
    }
  }
}

function sharedWords(learned: LearnedContext, terms: ReadonlySet<string>): number {
  const text = [learned.summary, ...learned.notes.map((n) => n.text), ...learned.questions.map((q) => q.question)].join(' ');
  let shared = 0;
  for (const term of new Set(contentTerms(text))) if (terms.has(term)) shared++;
  return shared;
}

import type { Answer, AskRequest } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { asMullError } from '../core/errors.js';
import type { LearnedContext } from '../core/types.js';
import { zeroUsage } from '../core/usage.js';
import type { Store } from '../store/store.js';
import { isStrongMatch, touchedSince, type AnticipatedMatch } from './anticipated-match.js';
import { buildCitations } from './citations.js';
import { channelsInPlay, type ChannelInPlay } from './gather.js';
import { modelAnswer } from './model-answer.js';
import { offlineAnswer } from './offline-answer.js';
import { hasEmbeddings, withSemantic } from './semantic-match.js';
import type { AnswerDeps, Drafted, Turn } from './turn.js';

/** Messages since the pass that the cached path checks for anything touching the question. */
const NEWER_CHECKED = 500;

export { DefaultAnswerSettings, type AnswerDeps, type AnswerSettings } from './turn.js';

/**
 * T_b(q, c'): answers from the cache when a prepared answer matches and nothing newer touches it,
 * otherwise with a small budget over the learned context (warm), and only when that does not
 * cover the question, over raw history with a larger budget (cold). Without a model, quotes.
 */
export async function answerQuestion(deps: AnswerDeps, request: AskRequest): Promise<Answer> {
  const started = performance.now();
  const scope = new Set(request.scope);
  const candidates = await loadScope(deps.store, request.scope);
  const contexts = candidates.flatMap((c) => (c.learned ? [c.learned] : []));
  const nearest = await nearestAnticipated(deps, request.question, contexts);
  const bestByChannel = (key: ChannelKey) => Math.max(0, ...nearest.filter((m) => m.learned.channel === key).map((m) => m.similarity));
  const turn: Turn = {
    question: request.question,
    inPlay: await channelsInPlay(deps.history, candidates, request.question, bestByChannel),
    nearest,
    exclude: new Set(request.questionMessageId ? [request.questionMessageId] : []),
    onPartial: request.onPartial,
  };
  const drafted = !deps.provider
    ? await offlineAnswer(deps, turn)
    : ((await cachedAnswer(deps, turn)) ?? (await modelAnswer(deps, deps.provider, turn)));
  const citations = await buildCitations(deps.store, drafted.refs, scope, { known: drafted.known });
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  await Promise.all([
    deps.store.record({ channel: request.askedIn, ts: deps.now(), phase: 'test', usage: drafted.usage, path: drafted.path, latencyMs }),
    deps.store.logQuestion({
      channel: request.askedIn, text: request.question.slice(0, 500), ts: deps.now(), origin: 'bot', path: drafted.path,
      messageId: request.questionMessageId,
    }),
  ]);
  return {
    text: drafted.text,
    citations,
    path: drafted.path,
    thoughtAt: drafted.thoughtAt,
    channelsUsed: drafted.channelsUsed.filter((key) => scope.has(key)),
    notice: drafted.notice,
    latencyMs,
  };
}

/** Lexical candidates, plus embedding similarity when the provider embeds and the pass stored vectors. */
async function nearestAnticipated(deps: AnswerDeps, question: string, contexts: LearnedContext[]): Promise<AnticipatedMatch[]> {
  const lexical = deps.anticipated.nearest(question, contexts, 5);
  const embed = deps.provider?.embed;
  if (!embed || !hasEmbeddings(contexts)) return lexical;
  try {
    const [vector] = await embed.call(deps.provider, [question]);
    return vector ? withSemantic(lexical, contexts, vector, 5) : lexical;
  } catch (error) {
    // Matching by words still works; the embedding endpoint being down must not stop the answer.
    deps.logger.warn({ err: asMullError(error).message }, 'question embedding failed; matching lexically');
    return lexical;
  }
}

async function loadScope(store: Store, scope: readonly ChannelKey[]): Promise<ChannelInPlay[]> {
  const loaded = await Promise.all(
    [...new Set(scope)].sort().map(async (key) => {
      const [channel, learned] = await Promise.all([store.getChannel(key), store.getLearned(key)]);
      return channel ? { channel, learned } : undefined;
    }),
  );
  return loaded.filter((c): c is ChannelInPlay => c !== undefined);
}

/** The cached path: the prepared answer as it is, with zero model calls. */
async function cachedAnswer(deps: AnswerDeps, turn: Turn): Promise<Drafted | null> {
  const best = turn.nearest[0];
  if (!best || !isStrongMatch(best) || best.question.stale || best.learned.source !== 'model') return null;
  // The newest messages since the pass; a channel busier than that since is treated as touched.
  const newer = await deps.store.readMessages(best.learned.channel, { after: best.learned.watermark, newest: true, limit: NEWER_CHECKED });
  if (newer.length >= NEWER_CHECKED || touchedSince(best, newer, turn.exclude)) return null;
  // Every cited message must still exist: a deletion racing a pass's commit must not leave a
  // prepared answer standing on nothing.
  const cited = await Promise.all(best.question.citations.map((id) => deps.store.getMessage(best.learned.channel, id)));
  if (cited.length === 0 || cited.some((m) => m === undefined)) return null;
  const known = new Map(cited.map((m) => [`${best.learned.channel}/${m!.id}`, m!]));
  return {
    text: best.question.answer,
    refs: best.question.citations.map((messageId) => ({ channel: best.learned.channel, messageId })),
    path: 'cached',
    usage: zeroUsage(),
    thoughtAt: best.learned.committedAt,
    channelsUsed: [best.learned.channel],
    known,
  };
}

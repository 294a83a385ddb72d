import type { Answer, AskRequest } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { asMullError } from '../core/errors.js';
import type { LearnedContext } from '../core/types.js';
import { addUsage } from '../core/usage.js';
import type { LlmProvider } from '../llm/provider.js';
import type { AnticipatedMatch } from './anticipated-match.js';
import { buildCitations } from './citations.js';
import { loadScope, type QuestionVector } from './answer-scope.js';
import { channelsInPlay } from './gather.js';
import { modelAnswer } from './model-answer.js';
import { offlineAnswer } from './offline-answer.js';
import { preparedAnswer } from './prepared-answer.js';
import { hasEmbeddings, withSemantic } from './semantic-match.js';
import type { AnswerDeps, Drafted, Turn } from './turn.js';

export { DefaultAnswerSettings, type AnswerDeps, type AnswerSettings } from './turn.js';

/**
 * T_b(q, c'): serves a prepared answer when it asks the same thing and nothing newer touches its
 * subject (cached, no model call); checks a close one on the answer model first (verified);
 * otherwise answers with a small budget over the learned context (warm), and only when that does
 * not cover the question, over raw history with a larger budget (cold). Without a model, quotes.
 */
export async function answerQuestion(deps: AnswerDeps, request: AskRequest): Promise<Answer> {
  const started = performance.now();
  const scope = new Set(request.scope);
  const questionVector = once(() => embedQuestion(deps, request.question));
  const candidates = await loadScope(deps, request.scope, request.question, questionVector);
  const contexts = candidates.flatMap((c) => (c.learned ? [c.learned] : []));
  const nearest = await nearestAnticipated(deps, request.question, contexts, questionVector);
  const bestByChannel = (key: ChannelKey) => Math.max(0, ...nearest.filter((m) => m.learned.channel === key).map((m) => m.similarity));
  const turn: Turn = {
    question: request.question,
    inPlay: await channelsInPlay(deps.history, candidates, request.question, bestByChannel),
    nearest,
    exclude: new Set(request.questionMessageId ? [request.questionMessageId] : []),
    onPartial: request.onPartial,
    private: request.private,
  };
  const drafted = deps.provider ? await preparedOrModel(deps, deps.provider, turn) : await offlineAnswer(deps, turn);
  const citations = await buildCitations(deps.store, drafted.refs, scope, { known: drafted.known });
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  try {
    await Promise.all([
      deps.store.record({ channel: request.askedIn, ts: deps.now(), phase: 'test', usage: drafted.usage, path: drafted.path, latencyMs }),
      request.private
        ? undefined
        : deps.store.logQuestion({
            channel: request.askedIn, text: request.question.slice(0, 500), ts: deps.now(), origin: 'bot', path: drafted.path,
            messageId: request.questionMessageId,
          }),
    ]);
  } catch (error) {
    // The answer is paid for and ready: a ledger that cannot be written loses a line, not the answer.
    deps.logger.warn({ err: asMullError(error).message }, 'could not record the answer in the ledger');
  }
  return {
    text: drafted.text,
    citations,
    path: drafted.path,
    thoughtAt: drafted.thoughtAt,
    prepared: drafted.prepared,
    channelsUsed: drafted.channelsUsed.filter((key) => scope.has(key)),
    notice: drafted.notice,
    latencyMs,
  };
}

/** A prepared answer (cached or verified) when one fits, else the model's own (warm or cold). */
async function preparedOrModel(deps: AnswerDeps, provider: LlmProvider, turn: Turn): Promise<Drafted> {
  const prepared = await preparedAnswer(deps, provider, turn);
  if (prepared.drafted) return prepared.drafted;
  const answer = await modelAnswer(deps, provider, turn);
  // A check that sent the question on was still paid for: its tokens count with the answer's.
  return { ...answer, usage: addUsage(prepared.usage, answer.usage) };
}

/** Lexical candidates, plus embedding similarity when the provider embeds and the pass stored vectors. */
async function nearestAnticipated(deps: AnswerDeps, question: string, contexts: LearnedContext[], questionVector: QuestionVector): Promise<AnticipatedMatch[]> {
  const lexical = deps.anticipated.nearest(question, contexts, 5);
  if (!deps.provider?.embed || !hasEmbeddings(contexts)) return lexical;
  const vector = await questionVector();
  return vector ? withSemantic(question, lexical, contexts, vector, 5) : lexical;
}

/** The question's embedding, or undefined when the provider has none or the call fails. */
async function embedQuestion(deps: AnswerDeps, question: string): Promise<number[] | undefined> {
  const embed = deps.provider?.embed;
  if (!embed) return undefined;
  try {
    const [vector] = await embed.call(deps.provider, [question]);
    return vector;
  } catch (error) {
    // Matching by words still works; the embedding endpoint being down must not stop the answer.
    deps.logger.warn({ err: asMullError(error).message }, 'question embedding failed; matching lexically');
    return undefined;
  }
}

/** Runs `compute` on the first call only; later calls share its promise. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= compute());
}

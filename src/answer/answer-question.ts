import type { Answer, AskRequest } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import { asMullError, ErrorCode, InvalidModelOutputError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { AnswerPath, LearnedContext, StoredMessage, Usage } from '../core/types.js';
import { CitationLabels } from '../context/labels.js';
import { renderLearned, renderMessages } from '../context/render.js';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../llm/provider.js';
import { partialAnswer } from './partial-answer.js';
import type { Store } from '../store/store.js';
import { AnticipatedIndex, isStrongMatch, touchedSince, type AnticipatedMatch } from './anticipated-match.js';
import { hasEmbeddings, withSemantic } from './semantic-match.js';
import { buildCitations } from './citations.js';
import { channelsInPlay, recentSince, retrieve, type ChannelInPlay } from './gather.js';
import type { HistoryIndex } from './history-index.js';
import { offlineAnswer } from './offline-answer.js';
import { ANSWER_SYSTEM_PROMPT, AnswerOutput, answerJsonSchema, answerUserPrompt } from './prompts.js';

export interface AnswerSettings {
  model: string;
  /** Completion budget on the warm path (learned context available). @unit tokens */
  warmMaxTokens: number;
  /** Completion budget on the cold path (raw history only). @unit tokens */
  coldMaxTokens: number;
  /** Messages since the pass included on the warm path. @unit tokens (estimated) */
  recentTokens: number;
  warmRetrieved: number;
  coldRetrieved: number;
  coldRecentTokens: number;
}

export const DefaultAnswerSettings = {
  warmMaxTokens: 600,
  coldMaxTokens: 1_500,
  recentTokens: 1_500,
  warmRetrieved: 6,
  coldRetrieved: 30,
  coldRecentTokens: 6_000,
} as const satisfies Omit<AnswerSettings, 'model'>;

export interface AnswerDeps {
  store: Store;
  provider: LlmProvider | null;
  history: HistoryIndex;
  anticipated: AnticipatedIndex;
  settings: AnswerSettings;
  logger: Logger;
  now: () => number;
  /** Called when a question was not covered: the next pass should think about it. */
  onUncovered?: (channel: ChannelKey) => void;
}

interface Drafted {
  text: string;
  refs: { channel: ChannelKey; messageId: string }[];
  path: AnswerPath;
  usage: Usage;
  thoughtAt?: number;
  notice?: string;
  channelsUsed: ChannelKey[];
}

const noUsage: Usage = { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 };

/**
 * T_b(q, c'): answers from the cache when a prepared answer matches and nothing newer touches it,
 * otherwise with a small budget over the learned context (warm), and only when that does not
 * cover the question, over raw history with a larger budget (cold).
 */
export async function answerQuestion(deps: AnswerDeps, request: AskRequest): Promise<Answer> {
  const started = performance.now();
  const scope = new Set(request.scope);
  const candidates = await loadScope(deps.store, request.scope);
  const contexts = candidates.flatMap((c) => (c.learned ? [c.learned] : []));
  const nearestAll = await nearestAnticipated(deps, request.question, contexts);
  const bestByChannel = (key: ChannelKey) => Math.max(0, ...nearestAll.filter((m) => m.learned.channel === key).map((m) => m.similarity));
  const inPlay = await channelsInPlay(deps.history, candidates, request.question, bestByChannel);
  const exclude = new Set(request.questionMessageId ? [request.questionMessageId] : []);

  let drafted: Drafted;
  if (!deps.provider) {
    drafted = await offlineAnswer(deps, inPlay, nearestAll, request.question, exclude);
  } else {
    drafted =
      (await cachedAnswer(deps, nearestAll, exclude)) ??
      (await modelAnswer(deps, deps.provider, inPlay, nearestAll, request.question, exclude, request.onPartial));
  }
  const citations = await buildCitations(deps.store, drafted.refs, scope);
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  await Promise.all([
    deps.store.record({ channel: request.askedIn, ts: deps.now(), phase: 'test', usage: drafted.usage, path: drafted.path, latencyMs }),
    deps.store.logQuestion({ channel: request.askedIn, text: request.question.slice(0, 500), ts: deps.now(), origin: 'bot', path: drafted.path }),
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

/** The cached path: zero model calls. */
async function cachedAnswer(deps: AnswerDeps, nearest: readonly AnticipatedMatch[], exclude: ReadonlySet<string>): Promise<Drafted | null> {
  const best = nearest[0];
  if (!best || !isStrongMatch(best) || best.question.stale || best.learned.source !== 'model') return null;
  const newer = await deps.store.readMessages(best.learned.channel, { after: best.learned.watermark, limit: 500 });
  if (touchedSince(best, newer, exclude)) return null;
  return {
    text: best.question.answer,
    refs: best.question.citations.map((messageId) => ({ channel: best.learned.channel, messageId })),
    path: 'cached',
    usage: noUsage,
    thoughtAt: best.learned.committedAt,
    channelsUsed: [best.learned.channel],
  };
}

/** Warm when there is learned context to lean on, cold otherwise or when warm does not cover it. */
async function modelAnswer(
  deps: AnswerDeps,
  provider: LlmProvider,
  inPlay: readonly ChannelInPlay[],
  nearest: readonly AnticipatedMatch[],
  question: string,
  exclude: ReadonlySet<string>,
  onPartial?: (text: string) => void,
): Promise<Drafted> {
  const learnedInPlay = inPlay.filter((c) => c.learned && c.learned.source === 'model' && c.learned.version > 0);
  try {
    let usage = noUsage;
    if (learnedInPlay.length > 0) {
      const warm = await callModel(deps, provider, inPlay, nearest, question, exclude, 'warm', onPartial);
      usage = warm.usage;
      if (warm.covered) return warm;
    }
    for (const c of inPlay) deps.onUncovered?.(c.channel.key);
    const cold = await callModel(deps, provider, inPlay, nearest, question, exclude, 'cold', onPartial);
    return { ...cold, usage: addUsage(usage, cold.usage) };
  } catch (error) {
    // A provider outage must not leave the asker with nothing: quote the history and say why.
    const failure = asMullError(error, ErrorCode.Provider);
    deps.logger.warn({ code: failure.code, err: failure.message }, 'model unavailable at answer time');
    const fallback = await offlineAnswer(deps, inPlay, [...nearest], question, exclude);
    return { ...fallback, notice: `The model is unavailable right now (${failure.message}), so this quotes the history instead.` };
  }
}

async function callModel(
  deps: AnswerDeps,
  provider: LlmProvider,
  inPlay: readonly ChannelInPlay[],
  nearest: readonly AnticipatedMatch[],
  question: string,
  exclude: ReadonlySet<string>,
  path: 'warm' | 'cold',
  onPartial?: (text: string) => void,
): Promise<Drafted & { covered: boolean }> {
  const settings = deps.settings;
  const labels = new CitationLabels();
  // Stable prefix first: instructions, then each channel's learned context in key order.
  const prefix = inPlay
    .filter((c) => c.learned && c.learned.version > 0 && c.learned.source === 'model')
    .map((c) => renderLearned(c.learned!, labels, { channelName: c.channel.name }));
  const system = [ANSWER_SYSTEM_PROMPT, ...prefix].join('\n\n');
  const recentParts: string[] = [];
  const retrievedParts: string[] = [];
  const perChannelRetrieved = Math.max(2, Math.ceil((path === 'warm' ? settings.warmRetrieved : settings.coldRetrieved) / inPlay.length));
  for (const c of inPlay) {
    const recentBudget = (path === 'warm' ? settings.recentTokens : settings.coldRecentTokens) / inPlay.length;
    const recent = await recentSince(deps.store, path === 'warm' ? c : { ...c, learned: undefined }, recentBudget, 400);
    const shown = new Set([...exclude, ...recent.map((m) => m.id)]);
    const older = await retrieve(deps.store, deps.history, c.channel.key, question, perChannelRetrieved, shown);
    const header = `## #${c.channel.name}\n`;
    const recentRendered = withoutQuestion(recent, exclude);
    if (recentRendered.length) recentParts.push(header + renderMessages(c.channel.key, recentRendered, labels));
    if (older.length) retrievedParts.push(header + renderMessages(c.channel.key, older, labels));
  }
  const user = answerUserPrompt({
    recent: recentParts.join('\n'),
    retrieved: retrievedParts.join('\n'),
    nearest: path === 'warm' ? nearest.slice(0, 3).map((m) => m.question.id) : [],
    question,
  });
  const request: CompletionRequest = {
    model: settings.model,
    system,
    messages: [{ role: 'user', content: user }],
    maxTokens: path === 'warm' ? settings.warmMaxTokens : settings.coldMaxTokens,
    schema: { name: 'answer', schema: answerJsonSchema },
  };
  const result = onPartial ? await streamed(provider, request, onPartial) : await provider.complete(request);
  const parsed = AnswerOutput.safeParse(result.json);
  const output = parsed.success ? parsed.data : { answer: result.text.trim(), citations: [], covered: path === 'cold' };
  const refs = labels.resolveAll(output.citations);
  return {
    text: output.answer,
    refs,
    path,
    usage: result.usage,
    covered: output.covered,
    channelsUsed: [...new Set(refs.map((r) => r.channel))].length ? [...new Set(refs.map((r) => r.channel))] : inPlay.map((c) => c.channel.key),
  };
}

/** Streams the structured reply, passing on the answer text as it grows. */
async function streamed(provider: LlmProvider, request: CompletionRequest, onPartial: (text: string) => void): Promise<CompletionResult> {
  let json = '';
  let shown = '';
  for await (const event of provider.stream(request)) {
    if (event.type === 'done') return event.result;
    json += event.delta;
    const partial = partialAnswer(json);
    if (partial !== null && partial !== shown) {
      shown = partial;
      onPartial(partial);
    }
  }
  throw new InvalidModelOutputError(`${provider.name}: the stream ended without a result`);
}

function withoutQuestion(messages: StoredMessage[], exclude: ReadonlySet<string>): StoredMessage[] {
  return messages.filter((m) => !exclude.has(m.id));
}

function addUsage(a: Usage, b: Usage): Usage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    cachedPromptTokens: a.cachedPromptTokens + b.cachedPromptTokens,
  };
}

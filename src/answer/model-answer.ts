import { asMullError, ErrorCode, InvalidModelOutputError } from '../core/errors.js';
import { addUsage, zeroUsage } from '../core/usage.js';
import type { StoredMessage } from '../core/types.js';
import { CitationLabels } from '../context/labels.js';
import { renderLearned, renderMessages, renderPrepared } from '../context/render.js';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../llm/provider.js';
import { recentSince, relevantSince, retrieve } from './gather.js';
import { offlineAnswer } from './offline-answer.js';
import { partialAnswer } from './partial-answer.js';
import { ANSWER_SYSTEM_PROMPT, AnswerOutput, answerContext, answerJsonSchema, answerUserPrompt } from './prompts.js';
import type { AnswerDeps, Drafted, Turn } from './turn.js';

/**
 * Warm when there is learned context to lean on; cold when there is none or the warm answer says
 * it is not covered. A provider failure falls back to quoting the history, saying why.
 */
export async function modelAnswer(deps: AnswerDeps, provider: LlmProvider, turn: Turn): Promise<Drafted> {
  const learned = turn.inPlay.some((c) => c.learned && c.learned.source === 'model' && c.learned.version > 0);
  try {
    let usage = zeroUsage();
    if (learned) {
      const warm = await callModel(deps, provider, turn, 'warm');
      usage = warm.usage;
      if (warm.covered) return warm;
    }
    // A private question's wording must not shape a channel's pass, nor even bring one forward.
    if (!turn.private) for (const c of turn.inPlay) deps.onUncovered?.(c.channel.key);
    const cold = await callModel(deps, provider, turn, 'cold');
    return { ...cold, usage: addUsage(usage, cold.usage) };
  } catch (error) {
    // A provider outage must not leave the asker with nothing.
    const failure = asMullError(error, ErrorCode.Provider);
    deps.logger.warn({ code: failure.code, err: failure.message }, 'model unavailable at answer time');
    const fallback = await offlineAnswer(deps, turn);
    return { ...fallback, notice: `The model is unavailable right now (${failure.message}), so this quotes the history instead.` };
  }
}

async function callModel(deps: AnswerDeps, provider: LlmProvider, turn: Turn, path: 'warm' | 'cold'): Promise<Drafted & { covered: boolean }> {
  const { settings } = deps;
  const { inPlay, exclude } = turn;
  const labels = new CitationLabels();
  // Stable prefix first: instructions, then each channel's summary and notes in key order (quoted
  // material in the user turn, never in the system prompt), so the provider's prompt cache serves
  // it on the next question over the same contexts. Prepared answers are served by the cached and
  // verified paths; only the nearest few go in, after the prefix.
  const prefix = inPlay
    .filter((c) => c.learned && c.learned.version > 0 && c.learned.source === 'model')
    .map((c) => renderLearned(c.learned!, labels, { channelName: c.channel.name, includeQuestions: false }));
  const recentBudget = (path === 'warm' ? settings.recentTokens : settings.coldRecentTokens) / inPlay.length;
  const perChannel = Math.max(2, Math.ceil((path === 'warm' ? settings.warmRetrieved : settings.coldRetrieved) / inPlay.length));
  const gathered = await Promise.all(
    inPlay.map(async (c) => {
      // Cold reads the newest history whatever the watermark: there is no learned context to trust.
      const select = (messages: StoredMessage[]) => {
        const others = messages.filter((m) => !exclude.has(m.id));
        return path === 'warm' ? relevantSince(others, turn.question) : others;
      };
      const recent = await recentSince(deps.store, path === 'warm' ? c : { ...c, learned: undefined }, recentBudget, 400, select);
      const shown = new Set([...exclude, ...recent.map((m) => m.id)]);
      const older = await retrieve(deps.store, deps.history, c.channel.key, turn.question, perChannel, shown);
      return { c, recent, older };
    }),
  );
  // Labels are assigned in a fixed order (channel by channel) so prompts are reproducible.
  const recentParts: string[] = [];
  const retrievedParts: string[] = [];
  for (const { c, recent, older } of gathered) {
    const header = `## #${c.channel.name}\n`;
    if (recent.length) recentParts.push(header + renderMessages(c.channel.key, recent, labels));
    if (older.length) retrievedParts.push(header + renderMessages(c.channel.key, older, labels));
  }
  const request: CompletionRequest = {
    model: settings.model,
    system: ANSWER_SYSTEM_PROMPT,
    context: answerContext(prefix),
    messages: [{
      role: 'user',
      content: answerUserPrompt({
        recent: recentParts.join('\n'),
        retrieved: retrievedParts.join('\n'),
        nearest: turn.nearest
          .slice(0, 3)
          .filter((m) => inPlay.some((c) => c.channel.key === m.learned.channel))
          .map((m) => renderPrepared(m.learned.channel, [m.question], labels)),
        question: turn.question,
      }),
    }],
    maxTokens: path === 'warm' ? settings.warmMaxTokens : settings.coldMaxTokens,
    schema: { name: 'answer', schema: answerJsonSchema },
  };
  const result = turn.onPartial ? await streamed(provider, request, turn.onPartial) : await provider.complete(request);
  const output = readOutput(result, path);
  const refs = labels.resolveAll(output.citations);
  const cited = [...new Set(refs.map((r) => r.channel))];
  return {
    text: output.answer,
    refs,
    path,
    usage: result.usage,
    covered: output.covered,
    channelsUsed: cited.length ? cited : inPlay.map((c) => c.channel.key),
  };
}

/** The longest answer passed on (adapters split what they post). */
const MAX_ANSWER_CHARS = 8_000;

/**
 * The reply as the schema says, or as near as a lenient server got: never raw JSON in front of a
 * user. A reply without a usable answer on the warm path counts as not covered.
 */
function readOutput(result: CompletionResult, path: 'warm' | 'cold'): AnswerOutput {
  const parsed = AnswerOutput.safeParse(result.json);
  if (parsed.success && parsed.data.answer.trim()) return { ...parsed.data, answer: parsed.data.answer.slice(0, MAX_ANSWER_CHARS) };
  const json = result.json as { answer?: unknown; citations?: unknown } | undefined;
  if (json && typeof json.answer === 'string' && json.answer.trim()) {
    const citations = Array.isArray(json.citations) ? json.citations.filter((c): c is string => typeof c === 'string') : [];
    return { answer: json.answer, citations, covered: true };
  }
  if (json === undefined && result.text.trim() && !result.text.trim().startsWith('{')) {
    return { answer: result.text.trim(), citations: [], covered: true };
  }
  if (path === 'warm') return { answer: '', citations: [], covered: false };
  throw new InvalidModelOutputError('the answer model replied without an answer');
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

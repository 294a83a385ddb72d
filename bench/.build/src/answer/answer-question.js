import { asMullError, ErrorCode, InvalidModelOutputError } from '../core/errors.js';
import { CitationLabels } from '../context/labels.js';
import { renderLearned, renderMessages } from '../context/render.js';
import { partialAnswer } from './partial-answer.js';
import { AnticipatedIndex, isStrongMatch, touchedSince } from './anticipated-match.js';
import { hasEmbeddings, withSemantic } from './semantic-match.js';
import { buildCitations } from './citations.js';
import { channelsInPlay, recentSince, retrieve } from './gather.js';
import { offlineAnswer } from './offline-answer.js';
import { ANSWER_SYSTEM_PROMPT, AnswerOutput, answerJsonSchema, answerUserPrompt } from './prompts.js';
export const DefaultAnswerSettings = {
    warmMaxTokens: 600,
    coldMaxTokens: 1_500,
    recentTokens: 1_500,
    warmRetrieved: 6,
    coldRetrieved: 30,
    coldRecentTokens: 6_000,
};
const noUsage = { promptTokens: 0, completionTokens: 0, cachedPromptTokens: 0 };
/**
 * T_b(q, c'): answers from the cache when a prepared answer matches and nothing newer touches it,
 * otherwise with a small budget over the learned context (warm), and only when that does not
 * cover the question, over raw history with a larger budget (cold).
 */
export async function answerQuestion(deps, request) {
    const started = performance.now();
    const scope = new Set(request.scope);
    const candidates = await loadScope(deps.store, request.scope);
    const contexts = candidates.flatMap((c) => (c.learned ? [c.learned] : []));
    const nearestAll = await nearestAnticipated(deps, request.question, contexts);
    const bestByChannel = (key) => Math.max(0, ...nearestAll.filter((m) => m.learned.channel === key).map((m) => m.similarity));
    const inPlay = await channelsInPlay(deps.history, candidates, request.question, bestByChannel);
    const exclude = new Set(request.questionMessageId ? [request.questionMessageId] : []);
    let drafted;
    if (!deps.provider) {
        drafted = await offlineAnswer(deps, inPlay, nearestAll, request.question, exclude);
    }
    else {
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
async function nearestAnticipated(deps, question, contexts) {
    const lexical = deps.anticipated.nearest(question, contexts, 5);
    const embed = deps.provider?.embed;
    if (!embed || !hasEmbeddings(contexts))
        return lexical;
    try {
        const [vector] = await embed.call(deps.provider, [question]);
        return vector ? withSemantic(lexical, contexts, vector, 5) : lexical;
    }
    catch (error) {
        // Matching by words still works; the embedding endpoint being down must not stop the answer.
        deps.logger.warn({ err: asMullError(error).message }, 'question embedding failed; matching lexically');
        return lexical;
    }
}
async function loadScope(store, scope) {
    const loaded = await Promise.all([...new Set(scope)].sort().map(async (key) => {
        const [channel, learned] = await Promise.all([store.getChannel(key), store.getLearned(key)]);
        return channel ? { channel, learned } : undefined;
    }));
    return loaded.filter((c) => c !== undefined);
}
/** The cached path: zero model calls. */
async function cachedAnswer(deps, nearest, exclude) {
    const best = nearest[0];
    if (!best || !isStrongMatch(best) || best.question.stale || best.learned.source !== 'model')
        return null;
    const newer = await deps.store.readMessages(best.learned.channel, { after: best.learned.watermark, limit: 500 });
    if (touchedSince(best, newer, exclude))
        return null;
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
async function modelAnswer(deps, provider, inPlay, nearest, question, exclude, onPartial) {
    const learnedInPlay = inPlay.filter((c) => c.learned && c.learned.source === 'model' && c.learned.version > 0);
    try {
        let usage = noUsage;
        if (learnedInPlay.length > 0) {
            const warm = await callModel(deps, provider, inPlay, nearest, question, exclude, 'warm', onPartial);
            usage = warm.usage;
            if (warm.covered)
                return warm;
        }
        for (const c of inPlay)
            deps.onUncovered?.(c.channel.key);
        const cold = await callModel(deps, provider, inPlay, nearest, question, exclude, 'cold', onPartial);
        return { ...cold, usage: addUsage(usage, cold.usage) };
    }
    catch (error) {
        // A provider outage must not leave the asker with nothing: quote the history and say why.
        const failure = asMullError(error, ErrorCode.Provider);
        deps.logger.warn({ code: failure.code, err: failure.message }, 'model unavailable at answer time');
        const fallback = await offlineAnswer(deps, inPlay, [...nearest], question, exclude);
        return { ...fallback, notice: `The model is unavailable right now (${failure.message}), so this quotes the history instead.` };
    }
}
async function callModel(deps, provider, inPlay, nearest, question, exclude, path, onPartial) {
    const settings = deps.settings;
    const labels = new CitationLabels();
    // Stable prefix first: instructions, then each channel's learned context in key order.
    const prefix = inPlay
        .filter((c) => c.learned && c.learned.version > 0 && c.learned.source === 'model')
        .map((c) => renderLearned(c.learned, labels, { channelName: c.channel.name }));
    const system = [ANSWER_SYSTEM_PROMPT, ...prefix].join('\n\n');
    const recentParts = [];
    const retrievedParts = [];
    const perChannelRetrieved = Math.max(2, Math.ceil((path === 'warm' ? settings.warmRetrieved : settings.coldRetrieved) / inPlay.length));
    for (const c of inPlay) {
        const recentBudget = (path === 'warm' ? settings.recentTokens : settings.coldRecentTokens) / inPlay.length;
        const recent = await recentSince(deps.store, path === 'warm' ? c : { ...c, learned: undefined }, recentBudget, 400);
        const shown = new Set([...exclude, ...recent.map((m) => m.id)]);
        const older = await retrieve(deps.store, deps.history, c.channel.key, question, perChannelRetrieved, shown);
        const header = `## #${c.channel.name}\n`;
        const recentRendered = withoutQuestion(recent, exclude);
        if (recentRendered.length)
            recentParts.push(header + renderMessages(c.channel.key, recentRendered, labels));
        if (older.length)
            retrievedParts.push(header + renderMessages(c.channel.key, older, labels));
    }
    const user = answerUserPrompt({
        recent: recentParts.join('\n'),
        retrieved: retrievedParts.join('\n'),
        nearest: path === 'warm' ? nearest.slice(0, 3).map((m) => m.question.id) : [],
        question,
    });
    const request = {
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
async function streamed(provider, request, onPartial) {
    let json = '';
    let shown = '';
    for await (const event of provider.stream(request)) {
        if (event.type === 'done')
            return event.result;
        json += event.delta;
        const partial = partialAnswer(json);
        if (partial !== null && partial !== shown) {
            shown = partial;
            onPartial(partial);
        }
    }
    throw new InvalidModelOutputError(`${provider.name}: the stream ended without a result`);
}
function withoutQuestion(messages, exclude) {
    return messages.filter((m) => !exclude.has(m.id));
}
function addUsage(a, b) {
    return {
        promptTokens: a.promptTokens + b.promptTokens,
        completionTokens: a.completionTokens + b.completionTokens,
        cachedPromptTokens: a.cachedPromptTokens + b.cachedPromptTokens,
    };
}

import type { ChannelKey } from '../core/ids.js';
import type { PassReport } from '../core/engine.js';
import { InvalidModelOutputError, MullError, ErrorCode, asMullError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { AnticipatedQuestion, AskedQuestion, LearnedContext, StoredMessage, Usage } from '../core/types.js';
import { addUsage, zeroUsage } from '../core/usage.js';
import { CitationLabels } from '../context/labels.js';
import { renderLearned, renderMessages } from '../context/render.js';
import { isQuestionLike, messageTokens } from '../context/text.js';
import type { CompletionRequest, LlmProvider } from '../llm/provider.js';
import type { Store } from '../store/store.js';
import type { EffortProfile } from './effort.js';
import type { PassRequest } from './single-flight.js';
import { commitPass } from './commit-pass.js';
import { applyPassOutput, describeChange, emptyLearned, mergeDrafts } from './learned-update.js';
import { SLEEP_SYSTEM_PROMPT, repairPrompt, sleepUserPrompt } from './prompts.js';
import { checkPassOutput, passOutputJsonSchema, type PassOutput } from './schema.js';

export interface SleepSettings {
  model: string;
  profile: EffortProfile;
  /** New material per model call; larger backlogs are processed in chunks. @unit tokens (estimated) */
  windowTokens: number;
  /** A first pass over a long history reads at most this much of the newest part. @unit tokens */
  maxBacklogTokens: number;
  /** @unit tokens */
  maxOutputTokens: number;
}

export const DefaultSleepSettings = {
  windowTokens: 60_000,
  maxBacklogTokens: 240_000,
  maxOutputTokens: 8_000,
} as const satisfies Partial<SleepSettings>;

export interface PassDeps {
  store: Store;
  provider: LlmProvider;
  logger: Logger;
  now: () => number;
  settings: SleepSettings;
  /** Asked before each model call: false stops the pass (daily budget spent). */
  mayContinue?: () => Promise<boolean>;
}

export type { PassRequest } from './single-flight.js';


/** Splits messages, oldest first, into runs that fit the window. */
export function chunkMessages(messages: readonly StoredMessage[], windowTokens: number): StoredMessage[][] {
  const chunks: StoredMessage[][] = [];
  let current: StoredMessage[] = [];
  let size = 0;
  for (const message of messages) {
    const cost = messageTokens(message.text);
    if (current.length > 0 && size + cost > windowTokens) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(message);
    size += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** The least a message can cost in a prompt (see messageTokens). @unit tokens */
const MIN_MESSAGE_TOKENS = messageTokens('');

/** Keeps the newest messages that fit in `budget` tokens (a first pass over years of history). */
function newestWithin(messages: StoredMessage[], budget: number): StoredMessage[] {
  let size = 0;
  let start = messages.length;
  while (start > 0) {
    const cost = messageTokens(messages[start - 1]!.text);
    if (size + cost > budget) break;
    size += cost;
    start--;
  }
  return messages.slice(start);
}

/**
 * One sleep pass S(c) -> c' over a channel: reads the learned context and what arrived since its
 * watermark, asks the sleep model to rewrite the learned context, validates it, and commits each
 * chunk's result together with its watermark in one write. Until a commit, the previous learned
 * context stays in force; a pass that dies midway is simply run again from the old watermark.
 */
export async function runModelPass(deps: PassDeps, channel: ChannelKey, request: PassRequest): Promise<PassReport> {
  const started = deps.now();
  const { store } = deps;
  const channelInfo = await store.getChannel(channel);
  const stored = await store.getLearned(channel);
  // What an offline pass mined is no model's reading of the channel: the first model pass starts
  // from the beginning (keeping the version, for the optimistic commit).
  const initial = stored?.source === 'model' ? stored : { ...emptyLearned(channel, started), version: stored?.version ?? 0 };
  let learned = initial;
  // Read no more than the backlog budget can hold (every message costs at least MIN_MESSAGE_TOKENS),
  // so a first pass over years of history never loads all of it to keep the newest part.
  const readLimit = Math.ceil(deps.settings.maxBacklogTokens / MIN_MESSAGE_TOKENS) + 1;
  const backlog = await store.readMessages(channel, { after: learned.watermark, newest: true, limit: readLimit });
  const pending = newestWithin(backlog, deps.settings.maxBacklogTokens);
  const skippedOlder = backlog.length > pending.length || backlog.length >= readLimit;
  const pendingIds = new Set(pending.map((m) => m.id));
  const rework = learned.rework.length
    ? (await readRework(store, channel, learned.rework)).filter((m) => !pendingIds.has(m.id))
    : [];
  const read = new Set([...pendingIds, ...rework.map((m) => m.id)]);
  const report: PassReport = {
    channel, status: 'ok', newNotes: 0, changedNotes: 0, droppedNotes: 0, anticipated: 0,
    messagesRead: 0, tokens: 0, durationMs: 0, highlights: [],
  };
  if (pending.length === 0 && rework.length === 0 && !request.topic) {
    return { ...report, status: 'skipped', reason: 'nothing new since the last pass', anticipated: learned.questions.length, durationMs: deps.now() - started };
  }
  // What people really ask predicts what they will ask: questions put to the bot here, and
  // question-like messages among the new ones.
  const askedOfBot = await store.listQuestions(channel, learned.version ? learned.committedAt - 30 * 86_400_000 : 0, 20);
  const askedInChannel = pending.filter((m) => !m.bot && isQuestionLike(m.text)).slice(-20);
  const asked = [...askedOfBot.filter((q) => !isFeedback(q)).map((q) => q.text), ...askedInChannel.map((m) => m.text.slice(0, 300))];
  const markedWrong = askedOfBot.filter(isFeedback).map((q) => q.text);
  const chunks = pending.length ? chunkMessages(pending, deps.settings.windowTokens) : [[]];
  let usage = zeroUsage();
  try {
    for (const [index, chunk] of chunks.entries()) {
      if (deps.mayContinue && !(await deps.mayContinue())) {
        throw new MullError(ErrorCode.BudgetExhausted, 'the daily sleep-time token budget is spent');
      }
      const labels = new CitationLabels();
      const knowsSomething = learned.summary !== '' || learned.notes.length > 0 || learned.questions.length > 0;
      const previousText = knowsSomething ? renderLearned(learned, labels, { channelName: channelInfo?.name }) : null;
      const prompt = sleepUserPrompt({
        channelName: channelInfo?.name ?? channel,
        now: deps.now(),
        previous: previousText,
        rework: index === 0 ? renderMessages(channel, rework, labels) : '',
        newMessages: renderMessages(channel, chunk, labels),
        chunk: { index, count: chunks.length },
        askedQuestions: asked,
        markedWrong,
        topic: request.topic,
        questionTarget: deps.settings.profile.questions,
      });
      const { output, usage: spent } = await draft(deps, prompt);
      usage = addUsage(usage, spent);
      await store.record({ channel, ts: deps.now(), phase: 'sleep', usage: spent });
      const applied = applyPassOutput(learned, output, labels, deps.settings.profile.questions);
      applied.questions = await withEmbeddings(deps, applied.questions);
      const last = chunk.at(-1);
      const next: LearnedContext = {
        ...learned,
        ...applied,
        version: learned.version + 1,
        committedAt: deps.now(),
        watermark: last ? { ts: last.ts, id: last.id } : (backlog.at(-1) ? { ts: backlog.at(-1)!.ts, id: backlog.at(-1)!.id } : learned.watermark),
        source: 'model',
        model: deps.settings.model,
        rework: [],
      };
      learned = await commitPass(store, next, learned.version, { started, read });
      report.messagesRead += chunk.length;
    }
  } catch (error) {
    const failure = asMullError(error, ErrorCode.PassFailed);
    deps.logger.warn({ channel, code: failure.code, err: failure.message }, 'sleep pass failed');
    await store.record({ channel, ts: deps.now(), phase: 'sleep', usage: zeroUsage(), pass: 'failed' });
    const change = describeChange(initial, learned);
    return {
      ...report, ...change, status: 'failed', reason: failure.message,
      anticipated: learned.questions.length, tokens: usage.promptTokens + usage.completionTokens, durationMs: deps.now() - started,
    };
  }
  await store.record({ channel, ts: deps.now(), phase: 'sleep', usage: zeroUsage(), pass: 'ok' });
  const change = describeChange(initial, learned);
  deps.logger.info({ channel, reason: request.reason, messages: report.messagesRead, tokens: usage.promptTokens + usage.completionTokens }, 'sleep pass committed');
  return {
    ...report, ...change, anticipated: learned.questions.length,
    tokens: usage.promptTokens + usage.completionTokens, durationMs: deps.now() - started,
    highlights: skippedOlder
      ? [`Read the newest ${pending.length} messages since the last pass; older ones stay searchable.`, ...change.highlights]
      : change.highlights,
  };
}

/** Runs the configured number of drafts in parallel and merges them. */
async function draft(deps: PassDeps, prompt: string): Promise<{ output: PassOutput; usage: Usage }> {
  const drafts = await Promise.all(
    Array.from({ length: deps.settings.profile.drafts }, (_, i) => ask(deps, prompt, i === 0 ? undefined : 0.8)),
  );
  return {
    output: mergeDrafts(drafts.map((d) => d.output)),
    usage: drafts.reduce((sum, d) => addUsage(sum, d.usage), zeroUsage()),
  };
}

/** One structured call, with one repair attempt when the reply does not fit the schema. */
async function ask(deps: PassDeps, prompt: string, temperature?: number): Promise<{ output: PassOutput; usage: Usage }> {
  const request: CompletionRequest = {
    model: deps.settings.model,
    system: SLEEP_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: prompt }],
    maxTokens: deps.settings.maxOutputTokens,
    reasoningEffort: deps.settings.profile.reasoning,
    temperature,
    schema: { name: 'learned_context', description: 'The rewritten learned context of the channel.', schema: passOutputJsonSchema },
  };
  let usage = zeroUsage();
  let problem = '';
  let reply = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    // Providers reject an empty assistant turn: when the reply could not be read at all, the
    // repair request only names the problem.
    const messages = attempt === 0 ? request.messages : [
      ...request.messages,
      ...(reply ? [{ role: 'assistant' as const, content: reply.slice(0, 20_000) }] : []),
      { role: 'user' as const, content: repairPrompt(problem) },
    ];
    let result;
    try {
      result = await deps.provider.complete({ ...request, messages });
    } catch (error) {
      if (!(error instanceof InvalidModelOutputError)) throw error;
      problem = 'the reply was not valid JSON';
      continue;
    }
    usage = addUsage(usage, result.usage);
    reply = result.text;
    const checked = checkPassOutput(result.json ?? safeParse(result.text));
    if (checked.ok) return { output: checked.output, usage };
    problem = checked.problem;
  }
  throw new InvalidModelOutputError(`the sleep model's reply did not match the schema after one repair: ${problem}`);
}

/**
 * Embeds the anticipated questions, their paraphrases and their look-alikes at sleep time, when
 * the provider has an embedding model, so matching by meaning costs one small call at answer
 * time. A failure only loses the vectors.
 */
async function withEmbeddings(deps: PassDeps, questions: AnticipatedQuestion[]): Promise<AnticipatedQuestion[]> {
  if (!deps.provider.embed || questions.length === 0) return questions;
  const texts = questions.flatMap((q) => [q.question, ...(q.paraphrases ?? []), ...(q.lookalikes ?? [])]);
  try {
    const vectors = await deps.provider.embed(texts);
    // Four decimals keep cosine exact enough and the stored context a quarter of the size.
    const round = (v: number[] | undefined) => v?.map((x) => Math.round(x * 1e4) / 1e4);
    let at = 0;
    const take = (n: number) => {
      const part = vectors.slice(at, at + n).map(round);
      at += n;
      return part;
    };
    return questions.map((q) => {
      const [embedding] = take(1);
      const paraphraseEmbeddings = take(q.paraphrases?.length ?? 0);
      const lookalikeEmbeddings = take(q.lookalikes?.length ?? 0);
      if (!embedding) return q;
      const whole = (list: (number[] | undefined)[]) => (list.every((v) => v?.length) ? (list as number[][]) : undefined);
      return { ...q, embedding, paraphraseEmbeddings: whole(paraphraseEmbeddings), lookalikeEmbeddings: whole(lookalikeEmbeddings) };
    });
  } catch (error) {
    deps.logger.warn({ err: asMullError(error).message }, 'embedding anticipated questions failed; lexical matching only');
    return questions;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readRework(store: Store, channel: ChannelKey, ids: readonly string[]): Promise<StoredMessage[]> {
  const found = await Promise.all(ids.slice(0, 200).map((id) => store.getMessage(channel, id)));
  return found.filter((m): m is StoredMessage => m !== undefined).sort((a, b) => a.ts - b.ts);
}

/** A reader's 👎 with its reason (logged as `feedback`; before that, as a question with a `feedback:` id). */
function isFeedback(question: AskedQuestion): boolean {
  return question.origin === 'feedback' || Boolean(question.messageId?.startsWith('feedback:'));
}

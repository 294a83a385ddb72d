import { z } from 'zod';
import { MullError, ErrorCode } from '../core/errors.js';

/**
 * The `mull eval` dataset: channels' messages, then questions with gold answers, one JSON object
 * a line (JSONL). The same format carries the shipped set (examples/eval/) and users' own channels.
 *
 *   {"type":"message","channel":"launch","id":"m1","ts":"2025-01-06T09:00:00Z","user":"alice","text":"…"}
 *   {"type":"message","channel":"launch","id":"m90","ts":"…","user":"bob","text":"…","after_pass":true}
 *   {"type":"question","id":"q1","channel":"launch","text":"When do we ship?","gold":"March 3","must_contain":["March 3"]}
 *
 * Messages without `after_pass` are the history a sleep pass reads; messages with it arrive after
 * the last pass, before the questions (what changed since). A question is graded by rules: every
 * `must_contain` string (default: the gold answer) in the answer, no `forbidden` one; `stale` names
 * what was true before a change after the pass (an answer with it and without the gold is stale).
 */
export const QuestionKinds = ['paraphrase', 'lookalike', 'changed', 'other'] as const;
export type QuestionKind = (typeof QuestionKinds)[number];

const Timestamp = z.union([
  z.number().int().nonnegative().describe('epoch milliseconds'),
  z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date-time'),
]);

export const ChannelLine = z.object({
  type: z.literal('channel'),
  channel: z.string().min(1).max(80),
  /** Shown to the model as `#name`; defaults to the channel id. */
  name: z.string().min(1).max(80).optional(),
});

export const MessageLine = z.object({
  type: z.literal('message'),
  channel: z.string().min(1).max(80),
  /** Unique in its channel. */
  id: z.string().min(1).max(80),
  ts: Timestamp,
  user: z.string().min(1).max(80),
  text: z.string().min(1).max(40_000),
  /** The root message's id, for a reply in a thread. */
  thread_id: z.string().min(1).max(80).optional(),
  /** Arrives after the last sleep pass (a change no pass has read). */
  after_pass: z.boolean().default(false),
});

export const QuestionLine = z.object({
  type: z.literal('question'),
  id: z.string().min(1).max(80),
  channel: z.string().min(1).max(80),
  text: z.string().min(1).max(2_000),
  gold: z.string().min(1).max(4_000),
  must_contain: z.array(z.string().min(1)).optional(),
  forbidden: z.array(z.string().min(1)).default([]),
  stale: z.array(z.string().min(1)).default([]),
  kind: z.enum(QuestionKinds).default('other'),
  /** Which fact it asks for (groups paraphrases in the report). */
  fact: z.string().max(120).optional(),
});

const Line = z.discriminatedUnion('type', [ChannelLine, MessageLine, QuestionLine]);

export interface EvalMessage {
  id: string;
  /** @unit epoch milliseconds */
  ts: number;
  user: string;
  text: string;
  threadId?: string;
  afterPass: boolean;
}

export interface EvalChannel {
  id: string;
  name: string;
  /** Oldest first. */
  messages: EvalMessage[];
}

export interface EvalQuestion {
  id: string;
  channel: string;
  text: string;
  gold: string;
  mustContain: string[];
  forbidden: string[];
  stale: string[];
  kind: QuestionKind;
  fact: string;
}

export interface EvalDataset {
  channels: EvalChannel[];
  questions: EvalQuestion[];
}

/** Parses a JSONL dataset; a bad line fails with its line number and what is wrong, nothing half-read. */
export function parseDataset(text: string, source = 'dataset'): EvalDataset {
  const channels = new Map<string, EvalChannel>();
  const channelOf = (id: string) => {
    let channel = channels.get(id);
    if (!channel) channels.set(id, (channel = { id, name: id, messages: [] }));
    return channel;
  };
  const questions: EvalQuestion[] = [];
  const questionIds = new Set<string>();
  const messageIds = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('//')) return;
    const where = `${source}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw bad(`${where}: not JSON`);
    }
    const parsed = Line.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw bad(`${where}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
    }
    const entry = parsed.data;
    if (entry.type === 'channel') {
      channelOf(entry.channel).name = entry.name ?? entry.channel;
    } else if (entry.type === 'message') {
      const key = `${entry.channel}/${entry.id}`;
      if (messageIds.has(key)) throw bad(`${where}: message ${entry.id} appears twice in channel ${entry.channel}`);
      messageIds.add(key);
      channelOf(entry.channel).messages.push({
        id: entry.id,
        ts: typeof entry.ts === 'number' ? entry.ts : Date.parse(entry.ts),
        user: entry.user,
        text: entry.text,
        threadId: entry.thread_id,
        afterPass: entry.after_pass,
      });
    } else {
      if (questionIds.has(entry.id)) throw bad(`${where}: question ${entry.id} appears twice`);
      questionIds.add(entry.id);
      questions.push({
        id: entry.id,
        channel: entry.channel,
        text: entry.text,
        gold: entry.gold,
        mustContain: entry.must_contain ?? [entry.gold],
        forbidden: entry.forbidden,
        stale: entry.stale,
        kind: entry.kind,
        fact: entry.fact ?? entry.id,
      });
    }
  });
  for (const question of questions) {
    if (!channels.get(question.channel)?.messages.length) throw bad(`${source}: question ${question.id} asks about channel ${question.channel}, which has no messages`);
  }
  if (questions.length === 0) throw bad(`${source}: no questions`);
  for (const channel of channels.values()) channel.messages.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
  return { channels: [...channels.values()].filter((c) => c.messages.length > 0), questions };
}

/** The dataset as JSONL, in the documented format (what the shipped files hold). */
export function datasetToJsonl(dataset: EvalDataset): string {
  const lines: string[] = [];
  for (const channel of dataset.channels) {
    lines.push(JSON.stringify({ type: 'channel', channel: channel.id, name: channel.name }));
    for (const m of channel.messages) {
      lines.push(JSON.stringify({
        type: 'message', channel: channel.id, id: m.id, ts: new Date(m.ts).toISOString(), user: m.user, text: m.text,
        ...(m.threadId ? { thread_id: m.threadId } : {}),
        ...(m.afterPass ? { after_pass: true } : {}),
      }));
    }
  }
  for (const q of dataset.questions) {
    lines.push(JSON.stringify({
      type: 'question', id: q.id, channel: q.channel, text: q.text, gold: q.gold, must_contain: q.mustContain,
      ...(q.forbidden.length ? { forbidden: q.forbidden } : {}),
      ...(q.stale.length ? { stale: q.stale } : {}),
      kind: q.kind, fact: q.fact,
    }));
  }
  return `${lines.join('\n')}\n`;
}

function bad(message: string): MullError {
  return new MullError(ErrorCode.BadInput, message);
}

/**
 * A scripted "model" for engine tests, served through the fake OpenAI server: it reads the real
 * prompt Mull built (message lines `[m3] 2026-03-01 10:00 alice: text`) and answers the way a
 * model would, citing the labels of the lines that contain the facts it was told to look for.
 */
import type { FakeTurn, RecordedRequest } from '../fakes/fake-openai.js';

export interface ScriptedFact {
  /** A phrase that identifies the message the fact comes from. */
  find: string;
  note: string;
  kind?: 'fact' | 'decision' | 'owner' | 'date' | 'number' | 'open_question';
  question?: string;
  answer?: string;
}

type Content = string | { type: string; text?: string }[];
const textOf = (content: Content | undefined): string =>
  typeof content === 'string' ? content : (content ?? []).map((block) => block.text ?? '').join('\n');

/** The system prompt and user turns of an OpenAI (system message) or Anthropic (`system` blocks) request. */
export function promptOf(request: RecordedRequest): { system: string; user: string } {
  const messages: { role: string; content: Content }[] = request.body?.messages ?? [];
  return {
    system: request.body?.system !== undefined ? textOf(request.body.system) : textOf(messages.find((m) => m.role === 'system')?.content),
    user: messages.filter((m) => m.role === 'user').map((m) => textOf(m.content)).join('\n'),
  };
}

/**
 * The quoted learned context of an answer request: OpenAI's user message before the question,
 * Anthropic's first content block (the one with the cache breakpoint).
 */
export function contextOf(request: RecordedRequest): string | undefined {
  const messages: { role: string; content: Content }[] = request.body?.messages ?? [];
  const users = messages.filter((m) => m.role === 'user');
  const first = users[0]?.content;
  if (Array.isArray(first)) return first.length > 1 ? first[0]!.text : undefined;
  return users.length > 1 ? textOf(first) : undefined;
}

export function labelOf(prompt: string, phrase: string): string | undefined {
  for (const line of prompt.split('\n')) {
    const match = /^\[(m\d+)\]/.exec(line.trim());
    if (match && line.toLowerCase().includes(phrase.toLowerCase())) return match[1];
  }
  return undefined;
}

/** The citation label of a learned note or prepared answer that contains a phrase. */
export function noteLabelOf(prompt: string, phrase: string): string | undefined {
  for (const line of prompt.split('\n')) {
    const match = /\[(m\d+)(?:, m\d+)*\]$/.exec(line.trim());
    if (match && line.toLowerCase().includes(phrase.toLowerCase())) return match[1];
  }
  return undefined;
}

/** The structured-output schema a request asks for: learned_context, answer_check or answer. */
export function schemaOf(request: RecordedRequest): string | undefined {
  return request.body?.response_format?.json_schema?.name ?? request.body?.tools?.[0]?.name;
}

export function isSleepRequest(request: RecordedRequest): boolean {
  return schemaOf(request) === 'learned_context';
}

export function isCheckRequest(request: RecordedRequest): boolean {
  return schemaOf(request) === 'answer_check';
}

/** A sleep pass reply built from the facts whose source line is in the prompt. */
export function sleepReply(request: RecordedRequest, facts: readonly ScriptedFact[]): FakeTurn {
  const { user } = promptOf(request);
  const notes: unknown[] = [];
  const questions: unknown[] = [];
  for (const fact of facts) {
    const label = labelOf(user, fact.find);
    if (!label) continue;
    notes.push({ id: 'new', kind: fact.kind ?? 'fact', text: fact.note, citations: [label] });
    if (fact.question) {
      questions.push({ question: fact.question, answer: fact.answer ?? fact.note, citations: [label], confidence: 0.9 });
    }
  }
  // Keep earlier notes the prompt still shows ("- (n1, fact) text [m2]").
  for (const line of user.split('\n')) {
    const kept = /^- \((n\d+), (\w+)\) (.*) \[(m\d+(?:, m\d+)*)\]$/.exec(line);
    if (kept && !notes.some((n) => (n as { text: string }).text === kept[3])) {
      notes.push({ id: kept[1], kind: kept[2], text: kept[3], citations: kept[4]!.split(', ') });
    }
  }
  const lines = user.split('\n');
  for (const [i, line] of lines.entries()) {
    const q = /^- \((q\d+)\) Q: (.*)$/.exec(line);
    const a = /^ {2}A: (.*) \[(m\d+(?:, m\d+)*)\]$/.exec(lines[i + 1] ?? '');
    if (q && a && !questions.some((x) => (x as { question: string }).question === q[2])) {
      questions.push({ question: q[2], answer: a[1], citations: a[2]!.split(', '), confidence: 0.8 });
    }
  }
  // Like a real model, the summary paraphrases what it read (uncited).
  const summary = `A channel about the launch. ${notes.map((n) => (n as { text: string }).text).join(' ')}`;
  return { json: { summary, notes, questions } };
}

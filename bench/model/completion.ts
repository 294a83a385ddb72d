import type { KnowledgeBook, TaughtFact } from './knowledge.js';
import { askedQuestion, messageLines, noteLines, questionLines, sleepChannel, type MessageLine } from './prompt-lines.js';
import { textTokens } from './tokens.js';

/**
 * How long the fake's completions are: one rule for every request, whatever it is for. The fake
 * sees only the prompt, the schema's shape and `max_tokens`; warm and cold answers (same schema)
 * are indistinguishable to it, and a sleep pass gets the same share of its budget as an answer.
 */
export interface CompletionRule {
  /** Completion tokens as a share of the request's `max_tokens`. */
  share: number;
}

export const DefaultCompletionRule = { share: 0.5 } as const satisfies CompletionRule;

export interface ChatRequest {
  system: string;
  /** Every user and assistant turn, joined. */
  user: string;
  /** `response_format.json_schema.name`, when the request asks for JSON. */
  schemaName?: string;
  maxTokens: number;
}

export function targetTokens(maxTokens: number, rule: CompletionRule): number {
  return Math.max(1, Math.round(maxTokens * rule.share));
}

/** The completion text: JSON for Mull's two schemas, prose otherwise, about `target` tokens long. */
export function writeCompletion(request: ChatRequest, book: KnowledgeBook, rule: CompletionRule): string {
  const target = targetTokens(request.maxTokens, rule);
  if (request.schemaName === 'learned_context') return passJson(request.user, book, target);
  if (request.schemaName === 'answer') return answerJson(request, book, target);
  return padding(0, target, messageLines(request.user).map(quote));
}

const NOT_FOUND = "I can't find that in what I was given.";

/**
 * An answer: the planted fact's own words when its evidence and every keyword are in the prompt
 * (covered), otherwise a plain "not found" (not covered). Questions the fake was not taught are
 * answered generically and counted as covered. Then supporting detail up to the length rule.
 */
function answerJson(request: ChatRequest, book: KnowledgeBook, target: number): string {
  const prompt = `${request.system}\n${request.user}`;
  const lower = prompt.toLowerCase();
  const candidates = book.forQuestion(askedQuestion(request.user));
  const found = candidates.find(
    (fact) => fact.evidence.some((text) => prompt.includes(text)) && fact.mustContain.every((k) => lower.includes(k.toLowerCase())),
  );
  const covered = candidates.length === 0 || found !== undefined;
  const core = found ? found.answer : candidates.length === 0 ? 'Here is what the channel says.' : NOT_FOUND;
  const citations = found ? citationsFor(found, prompt) : [];
  const base = { answer: core, citations, covered };
  const sources = [...messageLines(request.user).map(quote), ...noteLines(request.system).map((n) => n.text)];
  const extra = padding(textTokens(JSON.stringify(base)), target, sources);
  return JSON.stringify({ ...base, answer: extra ? `${core}\n\n${extra}` : core });
}

function citationsFor(fact: TaughtFact, prompt: string): string[] {
  const labels = new Set<string>();
  for (const line of messageLines(prompt)) if (fact.evidence.includes(line.text)) labels.add(line.label);
  for (const note of noteLines(prompt)) if (note.text === fact.answer) note.citations.forEach((l) => labels.add(l));
  for (const q of questionLines(prompt)) if (q.answer === fact.answer) q.citations.forEach((l) => labels.add(l));
  return [...labels].slice(-5);
}

interface Note {
  id: string;
  kind: string;
  text: string;
  citations: string[];
}

interface Prepared {
  question: string;
  answer: string;
  citations: string[];
  confidence: number;
}

/**
 * A pass: notes and prepared answers for every taught fact whose evidence is in the prompt (kept
 * from the previous context when not re-read), then notes on other messages, newest first, until
 * the reply reaches the length rule; older notes beyond it are pruned, as a model would when its
 * output budget is full.
 */
function passJson(user: string, book: KnowledgeBook, target: number): string {
  const previousNotes = noteLines(user);
  const previousQuestions = questionLines(user);
  const messages = messageLines(user);
  const hits = new Map<string, { fact: TaughtFact; labels: string[] }>();
  const used = new Set<string>();
  for (const line of messages) {
    for (const fact of book.forEvidence(line.text)) {
      const hit = hits.get(fact.id) ?? { fact, labels: [] };
      hit.labels.push(line.label);
      hits.set(fact.id, hit);
      used.add(line.label);
    }
  }
  const factNotes: Note[] = [];
  const questions: Prepared[] = [];
  const answers = new Set<string>();
  for (const { fact, labels } of hits.values()) {
    const citations = labels.slice(-3);
    const id = previousNotes.find((n) => n.text === fact.answer)?.id ?? 'new';
    factNotes.push({ id, kind: fact.kind, text: fact.answer, citations });
    questions.push({ question: fact.question, answer: fact.answer, citations, confidence: 0.9 });
    answers.add(fact.answer);
  }
  const preparedAnswers = new Set(previousQuestions.map((q) => q.answer));
  for (const note of previousNotes) {
    if (answers.has(note.text) || !preparedAnswers.has(note.text)) continue;
    factNotes.push(note);
    answers.add(note.text);
  }
  for (const q of previousQuestions) {
    if (!questions.some((kept) => kept.question === q.question)) questions.push({ ...q, confidence: 0.8 });
  }
  const summary = `#${sleepChannel(user)}: ${messages.length} messages read; ${hits.size} planted facts seen in them.`;
  let size = textTokens(JSON.stringify({ summary, notes: factNotes, questions }));
  const fresh = messages.filter((m) => !used.has(m.label)).reverse().map(noteOn);
  const older = previousNotes.filter((n) => !answers.has(n.text)).reverse();
  const filler: Note[] = [];
  for (const note of [...fresh, ...older]) {
    if (size >= target || factNotes.length + filler.length >= 200) break;
    filler.push(note);
    size += textTokens(JSON.stringify(note)) + 1;
  }
  return JSON.stringify({ summary, notes: [...factNotes, ...filler.reverse()], questions: questions.slice(0, 100) });
}

function noteOn(line: MessageLine): Note {
  return { id: 'new', kind: 'fact', text: excerpt(`${line.author} said: ${line.text}`, 300), citations: [line.label] };
}

function quote(line: MessageLine): string {
  return `${line.author}: ${line.text}`;
}

function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const STOCK = 'Nothing else in the material bears on this.';

/** Text of about `target - used` tokens drawn from `sources` in order (repeated if short). */
function padding(used: number, target: number, sources: readonly string[]): string {
  const wanted = target - used;
  if (wanted <= 0) return '';
  const pool = sources.length ? sources : [STOCK];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < wanted; i++) {
    const piece = pool[i % pool.length];
    const tokens = textTokens(piece) + 1;
    if (size + tokens > wanted) {
      const keep = Math.max(1, Math.floor((piece.length * (wanted - size)) / tokens));
      parts.push(piece.slice(0, keep));
      break;
    }
    parts.push(piece);
    size += tokens;
  }
  return parts.join('\n');
}

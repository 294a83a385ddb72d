import type { KnowledgeBook, TaughtFact } from './knowledge.js';
import { newestByKey, sayWhen, statementsIn, Support, type Statement } from './material.js';
import { messageLines, noteLines, questionLines, sleepChannel } from './prompt-lines.js';
import { askedQuestion, checkParts, judgeParts, questionTarget, askedInChannel } from './request-parts.js';
import { ownWording, understandQuestion, type AttributeId } from './understanding.js';

/**
 * What the fake writes: what the request needs, whatever `max_tokens` says (the server cuts a
 * reply only where `max_tokens` is lower, as a real model stops). One rule for every request:
 * an answer is the newest statement of what was asked, found in the prompt, plus a fixed line of
 * support; a check compares what two questions ask and whether newer messages changed the
 * answer; a pass writes a note and a prepared question for each thing the material states.
 * It never learns which answer path asked, and reads the same understanding everywhere.
 */
export interface ChatRequest {
  system: string;
  /** Every user and assistant turn, joined. */
  user: string;
  /** `response_format.json_schema.name`, when the request asks for JSON. */
  schemaName?: string;
}

export function writeCompletion(request: ChatRequest, book: KnowledgeBook): string {
  switch (request.schemaName) {
    case 'learned_context':
      return passJson(request.user, book);
    case 'answer':
      return answerJson(request, book);
    case 'answer_check':
      return checkJson(request, book);
    case 'eval_judge':
      return judgeJson(request);
    default:
      return 'OK.';
  }
}

const NOT_FOUND = "I can't find that in what I was given.";

/** The material of a prompt: everything but the question being asked. */
function material(request: ChatRequest, question: string): string {
  const all = `${request.system}\n${request.user}`;
  const at = all.lastIndexOf(question);
  return at < 0 || !question ? all : all.slice(0, at);
}

function answerJson(request: ChatRequest, book: KnowledgeBook): string {
  const question = askedQuestion(request.user);
  const meaning = understandQuestion(question);
  const prompt = material(request, question);
  if (meaning) {
    const found = newestByKey(statementsIn(prompt)).get(meaning.key);
    if (!found) return JSON.stringify({ answer: NOT_FOUND, citations: [], covered: false });
    return JSON.stringify({ answer: `${sayWhen(found)}${Support}`, citations: found.labels.slice(-3), covered: true });
  }
  return legacyAnswer(question, `${request.system}\n${request.user}`, book);
}

/**
 * Questions outside the fake's vocabulary (the acme workspace that measures 3-8 run on): the
 * taught fact's own words when its evidence and keywords are in the prompt. Those measures time
 * Mull's paths; they are not figures of correctness.
 */
function legacyAnswer(question: string, prompt: string, book: KnowledgeBook): string {
  const candidates = book.forQuestion(question);
  const lower = prompt.toLowerCase();
  const found = candidates.find((f) => f.evidence.some((t) => prompt.includes(t)) && f.mustContain.every((k) => lower.includes(k.toLowerCase())));
  if (found) return JSON.stringify({ answer: `${found.answer}${Support}`, citations: legacyCitations(found, prompt), covered: true });
  if (candidates.length) return JSON.stringify({ answer: NOT_FOUND, citations: [], covered: false });
  const first = messageLines(prompt)[0];
  return JSON.stringify({ answer: first ? `Here is what the channel says: ${first.author}: ${first.text}` : NOT_FOUND, citations: first ? [first.label] : [], covered: Boolean(first) });
}

function legacyCitations(fact: TaughtFact, prompt: string): string[] {
  const labels = new Set<string>();
  for (const line of messageLines(prompt)) if (fact.evidence.includes(line.text)) labels.add(line.label);
  for (const note of noteLines(prompt)) if (note.text.startsWith(fact.answer)) note.citations.forEach((l) => labels.add(l));
  for (const q of questionLines(prompt)) if (q.answer.startsWith(fact.answer)) q.citations.forEach((l) => labels.add(l));
  return [...labels].slice(-5);
}

/**
 * The verified path's check: does the question ask what the prepared one asks (same subject and
 * attribute, by the same understanding), and do the newer messages shown state something newer
 * about it? An amended answer comes only from those messages.
 */
function checkJson(request: ChatRequest, book: KnowledgeBook): string {
  const parts = checkParts(request.user);
  const asked = understandQuestion(parts.question);
  const prepared = understandQuestion(parts.preparedQuestion);
  let asksSame: boolean;
  if (asked || prepared) asksSame = Boolean(asked && prepared && asked.key === prepared.key);
  else {
    const a = new Set(book.forQuestion(parts.question).map((f) => f.id));
    asksSame = book.forQuestion(parts.preparedQuestion).some((f) => a.has(f.id));
  }
  const before = statementsIn(`- (n0, fact) ${parts.preparedAnswer}`)[0];
  const newer = prepared ? newestByKey(statementsIn(parts.newer)).get(prepared.key) : undefined;
  const changed = newer !== undefined && (!before || (newer.at >= before.at && newer.text !== before.text));
  const verdict = {
    asks_same: asksSame,
    still_true: !changed,
    answer: changed && asksSame ? `${sayWhen(newer)}${Support}` : '',
    citations: changed && asksSame ? newer.labels : [],
  };
  return JSON.stringify(verdict);
}

/** A judge that accepts an answer stating the gold answer's words. */
function judgeJson(request: ChatRequest): string {
  const { gold, answer } = judgeParts(request.user);
  const words = gold.toLowerCase().split(/[^a-z0-9$,]+/).filter((w) => w.length > 2);
  const lower = answer.toLowerCase();
  const correct = words.length > 0 && words.filter((w) => lower.includes(w)).length >= Math.ceil(words.length / 2);
  return JSON.stringify({ correct, reason: correct ? 'states the gold answer' : 'does not state the gold answer' });
}

interface Note {
  id: string;
  kind: string;
  text: string;
  citations: string[];
}

const NoteKinds: Record<AttributeId, string> = {
  proposed: 'date', previous: 'owner', next: 'owner', approver: 'owner', p99: 'number', p95: 'number',
  date: 'date', owner: 'owner', price: 'number', count: 'number', window: 'number', address: 'fact',
};

/**
 * A pass: one note and one prepared question (in the fake's own words, with its paraphrases and
 * look-alikes) for each thing the material states, the newest statement winning; questions people
 * asked come first, then the most recently stated, up to the number the prompt asks for. Taught
 * facts of the acme workspace are noted as before (their messages are not in the vocabulary).
 */
function passJson(user: string, book: KnowledgeBook): string {
  const target = questionTarget(user);
  const previousIds = new Map<string, string>();
  for (const note of noteLines(user)) {
    const meaning = statementsIn(`- (${note.id}, ${note.kind}) ${note.text}`)[0];
    if (meaning) previousIds.set(meaning.key, note.id);
  }
  const newest = [...newestByKey(statementsIn(user)).values()].filter((s) => s.labels.length > 0);
  const asked = new Set(askedInChannel(user).flatMap((q) => understandQuestion(q)?.key ?? []));
  const order = [...newest].sort((a, b) => Number(asked.has(b.key)) - Number(asked.has(a.key)) || b.at.localeCompare(a.at) || a.key.localeCompare(b.key));
  const notes: Note[] = newest.map((s) => ({ id: previousIds.get(s.key) ?? 'new', kind: NoteKinds[s.attribute], text: sayWhen(s), citations: s.labels.slice(-3) }));
  notes.push(...digestNotes(user));
  const questions = order.slice(0, target).map((s) => prepared(s));
  const legacy = legacyPass(user, book);
  const summary = `#${sleepChannel(user)}: ${messageLines(user).length} messages read; ${newest.length + legacy.notes.length} things tracked.`;
  return JSON.stringify({
    summary,
    notes: [...notes, ...legacy.notes],
    questions: [...questions, ...legacy.questions].slice(0, Math.max(target, questions.length)),
  });
}

/** Distinct other things a pass keeps noting (a real model notes what it reads, not only what is asked later). */
const DigestNotes = 40;

/**
 * Notes on the rest of what was read: each distinct thing said that states no fact, newest first,
 * with the earlier notes of that kind kept while there is room. A real pass writes more (prose,
 * open questions); this keeps the learned context from being only the answers the set asks for.
 */
function digestNotes(user: string): Note[] {
  const seen = new Set<string>();
  const out: Note[] = [];
  const fresh = messageLines(user).reverse();
  for (const line of fresh) {
    if (out.length >= DigestNotes) break;
    if (statementsIn(`[${line.label}] 2000-01-01 00:00 x: ${line.text}`).length || seen.has(line.text)) continue;
    seen.add(line.text);
    out.push({ id: 'new', kind: 'fact', text: `${line.author} said: ${line.text}`, citations: [line.label] });
  }
  for (const note of noteLines(user)) {
    if (out.length >= DigestNotes) break;
    const text = note.text.replace(/^\S+ said: /, '');
    if (!note.text.includes(' said: ') || seen.has(text)) continue;
    seen.add(text);
    out.push({ id: note.id, kind: 'fact', text: note.text, citations: note.citations });
  }
  return out;
}

function prepared(s: Statement) {
  const wording = ownWording(s);
  return {
    question: wording.question,
    subject: wording.subject,
    paraphrases: wording.paraphrases,
    lookalikes: wording.lookalikes,
    answer: `${sayWhen(s)}${Support}`,
    citations: s.labels.slice(-3),
    confidence: 0.9,
  };
}

function legacyPass(user: string, book: KnowledgeBook): { notes: Note[]; questions: ReturnType<typeof prepared>[] } {
  if (book.size === 0) return { notes: [], questions: [] };
  const hits = new Map<string, { fact: TaughtFact; labels: string[] }>();
  for (const line of messageLines(user)) {
    for (const fact of book.forEvidence(line.text)) {
      const hit = hits.get(fact.id) ?? { fact, labels: [] };
      hit.labels.push(line.label);
      hits.set(fact.id, hit);
    }
  }
  const notes: Note[] = [];
  const questions: ReturnType<typeof prepared>[] = [];
  for (const { fact, labels } of hits.values()) {
    notes.push({ id: 'new', kind: fact.kind, text: fact.answer, citations: labels.slice(-3) });
    questions.push({ question: fact.question, subject: '', paraphrases: [], lookalikes: [], answer: fact.answer, citations: labels.slice(-3), confidence: 0.9 });
  }
  const seen = new Set(notes.map((n) => n.text));
  const preparedAnswers = new Set(questionLines(user).map((q) => q.answer));
  for (const note of noteLines(user)) {
    if (!seen.has(note.text) && preparedAnswers.has(note.text)) {
      notes.push(note);
      seen.add(note.text);
    }
  }
  for (const q of questionLines(user)) {
    if (!questions.some((kept) => kept.question === q.question) && book.forQuestion(q.question).length) {
      questions.push({ question: q.question, subject: '', paraphrases: [], lookalikes: [], answer: q.answer, citations: q.citations, confidence: 0.8 });
    }
  }
  return { notes, questions };
}

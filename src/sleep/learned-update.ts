import type { ChannelKey } from '../core/ids.js';
import type { AnticipatedQuestion, LearnedContext, LearnedNote } from '../core/types.js';
import type { CitationLabels } from '../context/labels.js';
import { termSetSimilarity, contentTerms, excerpt } from '../context/text.js';
import type { PassOutput } from './schema.js';

export function emptyLearned(channel: ChannelKey, now: number): LearnedContext {
  return { channel, version: 0, committedAt: now, watermark: null, summary: '', notes: [], questions: [], source: 'model', rework: [] };
}

function nextNumber(ids: readonly string[], prefix: string): number {
  let max = 0;
  for (const id of ids) {
    const n = Number(id.slice(prefix.length));
    if (id.startsWith(prefix) && Number.isInteger(n) && n > max) max = n;
  }
  return max + 1;
}

/**
 * What the store keeps of a pass's reply at most. The schema sent to the model sets no lengths
 * (OpenAI strict mode cannot express most of them), so a schema-valid reply is trimmed to these
 * rather than refused: a long note id or answer must not cost a whole pass.
 */
export const LearnedLimits = {
  summaryChars: 4_000,
  notes: 200,
  noteChars: 2_000,
  questionChars: 500,
  answerChars: 4_000,
  subjectChars: 120,
  /** Paraphrases and look-alikes kept per question. */
  variants: 8,
  variantChars: 300,
  citations: 20,
} as const;

const clip = (text: string, max: number) => {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : trimmed.slice(0, max).trimEnd();
};

/** Distinct, non-empty, trimmed wordings, at most `LearnedLimits.variants`, none equal to `besides`. */
function variants(list: readonly string[], besides: string): string[] {
  const seen = new Set([besides.toLowerCase()]);
  const kept: string[] = [];
  for (const raw of list) {
    const text = clip(raw, LearnedLimits.variantChars);
    const key = text.toLowerCase();
    if (text.length < 3 || seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
    if (kept.length >= LearnedLimits.variants) break;
  }
  return kept;
}

/**
 * Turns a schema-valid model reply into the notes and questions of the next learned context,
 * strict on meaning and lenient on shape: labels back to message ids (labels the model was not
 * shown are dropped), earlier note ids kept, unknown or overlong ids made new, text trimmed to
 * the store's limits, and a note or question left with no evidence dropped, since an uncited note
 * cannot be checked or purged. Nothing here throws for a reply the schema allowed.
 */
export function applyPassOutput(
  previous: LearnedContext,
  output: PassOutput,
  labels: CitationLabels,
  questionLimit: number,
): { notes: LearnedNote[]; questions: AnticipatedQuestion[]; summary: string; uncited: number } {
  const cite = (list: readonly string[]) => [
    ...new Set(
      labels
        .resolveAll(list.map((label) => label.trim()))
        .filter((ref) => ref.channel === previous.channel)
        .map((ref) => ref.messageId),
    ),
  ].slice(0, LearnedLimits.citations);
  const previousIds = new Set(previous.notes.map((note) => note.id));
  let noteNumber = nextNumber(previous.notes.map((n) => n.id), 'n');
  let uncited = 0;
  const notes: LearnedNote[] = [];
  const usedIds = new Set<string>();
  for (const note of output.notes) {
    const citations = cite(note.citations);
    const text = clip(note.text, LearnedLimits.noteChars);
    if (citations.length === 0 || !text) {
      uncited++;
      continue;
    }
    if (notes.length >= LearnedLimits.notes) break;
    const id0 = note.id.trim();
    const keep = previousIds.has(id0) && !usedIds.has(id0);
    const id = keep ? id0 : `n${noteNumber++}`;
    usedIds.add(id);
    notes.push({ id, kind: note.kind as LearnedNote['kind'], text, citations });
  }
  let questionNumber = nextNumber(previous.questions.map((q) => q.id), 'q');
  const questions: AnticipatedQuestion[] = [];
  for (const q of [...output.questions].sort((a, b) => b.confidence - a.confidence)) {
    const citations = cite(q.citations);
    const question = clip(q.question, LearnedLimits.questionChars);
    const answer = clip(q.answer, LearnedLimits.answerChars);
    if (citations.length === 0 || question.length < 3 || !answer) {
      uncited++;
      continue;
    }
    if (questions.length >= questionLimit) break;
    questions.push({
      id: `q${questionNumber++}`,
      question,
      answer,
      citations,
      confidence: Number.isFinite(q.confidence) ? Math.min(1, Math.max(0, q.confidence)) : 0,
      subject: clip(q.subject, LearnedLimits.subjectChars),
      paraphrases: variants(q.paraphrases, question),
      lookalikes: variants(q.lookalikes, question),
    });
  }
  return { notes, questions, summary: clip(output.summary, LearnedLimits.summaryChars), uncited };
}

/** Merges parallel drafts: the first draft leads; others add what it lacks. */
export function mergeDrafts(drafts: readonly PassOutput[]): PassOutput {
  const [first, ...rest] = drafts;
  if (!first) throw new TypeError('no drafts to merge');
  const merged: PassOutput = { summary: first.summary, notes: [...first.notes], questions: [...first.questions] };
  for (const draft of rest) {
    for (const note of draft.notes) {
      const terms = contentTerms(note.text);
      const duplicate = merged.notes.some(
        (kept) => (note.id !== 'new' && kept.id === note.id) || termSetSimilarity(contentTerms(kept.text), terms) > 0.8,
      );
      if (!duplicate) merged.notes.push(note);
    }
    for (const question of draft.questions) {
      const terms = contentTerms(question.question);
      const index = merged.questions.findIndex((kept) => termSetSimilarity(contentTerms(kept.question), terms) > 0.7);
      if (index < 0) merged.questions.push(question);
      else if (question.confidence > merged.questions[index]!.confidence) merged.questions[index] = question;
    }
  }
  return merged;
}

/** What changed between two learned contexts, for the pass report and /rethink replies. */
export function describeChange(previous: LearnedContext, next: LearnedContext) {
  const before = new Map(previous.notes.map((note) => [note.id, note]));
  const after = new Set(next.notes.map((note) => note.id));
  const added = next.notes.filter((note) => !before.has(note.id));
  const changed = next.notes.filter((note) => before.has(note.id) && before.get(note.id)!.text !== note.text);
  const dropped = previous.notes.filter((note) => !after.has(note.id));
  const known = new Set(previous.questions.map((q) => q.question.toLowerCase()));
  const newQuestions = next.questions.filter((q) => !known.has(q.question.toLowerCase()));
  const highlights = [
    ...changed.slice(0, 3).map((note) => `Corrected: ${excerpt(note.text, 140)}`),
    ...added.slice(0, 3).map((note) => `New ${note.kind.replace('_', ' ')}: ${excerpt(note.text, 140)}`),
    ...newQuestions.slice(0, 3).map((q) => `Ready for: "${excerpt(q.question, 120)}"`),
  ];
  return { newNotes: added.length, changedNotes: changed.length, droppedNotes: dropped.length, highlights };
}

import { termSetSimilarity, contentTerms, excerpt } from '../context/text.js';
export function emptyLearned(channel, now) {
    return { channel, version: 0, committedAt: now, watermark: null, summary: '', notes: [], questions: [], source: 'model', rework: [] };
}
function nextNumber(ids, prefix) {
    let max = 0;
    for (const id of ids) {
        const n = Number(id.slice(prefix.length));
        if (id.startsWith(prefix) && Number.isInteger(n) && n > max)
            max = n;
    }
    return max + 1;
}
/**
 * Turns a validated model reply into the notes and questions of the next learned context: labels
 * back to message ids (invented labels dropped), earlier note ids kept, new ids assigned, and
 * anything left with no evidence dropped, since an uncited note cannot be checked or purged.
 */
export function applyPassOutput(previous, output, labels, questionLimit) {
    const cite = (list) => labels
        .resolveAll(list)
        .filter((ref) => ref.channel === previous.channel)
        .map((ref) => ref.messageId);
    const previousIds = new Set(previous.notes.map((note) => note.id));
    let noteNumber = nextNumber(previous.notes.map((n) => n.id), 'n');
    let uncited = 0;
    const notes = [];
    const usedIds = new Set();
    for (const note of output.notes) {
        const citations = cite(note.citations);
        if (citations.length === 0) {
            uncited++;
            continue;
        }
        const keep = previousIds.has(note.id) && !usedIds.has(note.id);
        const id = keep ? note.id : `n${noteNumber++}`;
        usedIds.add(id);
        notes.push({ id, kind: note.kind, text: note.text.trim(), citations });
    }
    let questionNumber = nextNumber(previous.questions.map((q) => q.id), 'q');
    const questions = [];
    for (const q of [...output.questions].sort((a, b) => b.confidence - a.confidence)) {
        const citations = cite(q.citations);
        if (citations.length === 0) {
            uncited++;
            continue;
        }
        if (questions.length >= questionLimit)
            break;
        questions.push({
            id: `q${questionNumber++}`,
            question: q.question.trim(),
            answer: q.answer.trim(),
            citations,
            confidence: Math.min(1, Math.max(0, q.confidence)),
        });
    }
    return { notes, questions, summary: output.summary.trim(), uncited };
}
/** Merges parallel drafts: the first draft leads; others add what it lacks. */
export function mergeDrafts(drafts) {
    const [first, ...rest] = drafts;
    if (!first)
        throw new TypeError('no drafts to merge');
    const merged = { summary: first.summary, notes: [...first.notes], questions: [...first.questions] };
    for (const draft of rest) {
        for (const note of draft.notes) {
            const terms = contentTerms(note.text);
            const duplicate = merged.notes.some((kept) => (note.id !== 'new' && kept.id === note.id) || termSetSimilarity(contentTerms(kept.text), terms) > 0.8);
            if (!duplicate)
                merged.notes.push(note);
        }
        for (const question of draft.questions) {
            const terms = contentTerms(question.question);
            const index = merged.questions.findIndex((kept) => termSetSimilarity(contentTerms(kept.question), terms) > 0.7);
            if (index < 0)
                merged.questions.push(question);
            else if (question.confidence > merged.questions[index].confidence)
                merged.questions[index] = question;
        }
    }
    return merged;
}
/** What changed between two learned contexts, for the pass report and /rethink replies. */
export function describeChange(previous, next) {
    const before = new Map(previous.notes.map((note) => [note.id, note]));
    const after = new Set(next.notes.map((note) => note.id));
    const added = next.notes.filter((note) => !before.has(note.id));
    const changed = next.notes.filter((note) => before.has(note.id) && before.get(note.id).text !== note.text);
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

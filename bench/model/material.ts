import { understandStatement, type Meaning } from './understanding.js';

/**
 * Reading the material in Mull's prompts line by line, whatever section it sits in: message lines
 * (`[m4] 2025-01-06 10:17 alice (in thread m2): text`, context/render.ts), notes
 * (`- (n3, date) text [m4, m5]`) and prepared answers (`  A: text [m4]`). The fake's own notes and
 * answers say when the statement they rest on was made (`(said 2025-01-06 10:17)`), so a note and a
 * newer message can be put in order: the newest statement of a thing is what is true.
 */
export interface Statement extends Meaning {
  /** The statement itself, without the line's framing. */
  text: string;
  /** `YYYY-MM-DD HH:MM` when known, else '' (oldest). */
  at: string;
  /** Message labels it rests on (`m4`). */
  labels: string[];
}

const MESSAGE = /^\[(m\d+)\] (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) [^:]*?: (.*)$/;
const NOTE = /^- \((n\d+|[^,)]+), \w+\) (.*)$/;
const ANSWER = /^\s*A: (.*)$/;
const TRAILING_LABELS = /\s*\[(m\d+(?:, m\d+)*)\]\s*$/;
const SAID = /\s*\(said (\d{4}-\d{2}-\d{2} \d{2}:\d{2})\)/;

export function cleanLine(line: string): { text: string; at: string; labels: string[]; noteId?: string } | null {
  const message = MESSAGE.exec(line);
  if (message) return { text: message[3]!, at: message[2]!, labels: [message[1]!] };
  let text = line;
  let noteId: string | undefined;
  const note = NOTE.exec(line);
  if (note) {
    noteId = note[1];
    text = note[2]!;
  } else {
    const answer = ANSWER.exec(line);
    if (!answer) return null;
    text = answer[1]!;
  }
  let labels: string[] = [];
  const trailing = TRAILING_LABELS.exec(text);
  if (trailing) {
    labels = trailing[1]!.split(', ');
    text = text.slice(0, trailing.index);
  }
  const said = SAID.exec(text);
  const at = said ? said[1]! : '';
  return { text: withoutSupport(text.replace(SAID, '')).trim(), at, labels, noteId };
}

/**
 * What the fake adds to a statement when it answers: a fixed amount of support, whatever the
 * budget (issue 10: completions say what the request needs, not a share of max_tokens).
 */
export const Support = ' (That is the newest message on it in what I was given.)';

function withoutSupport(text: string): string {
  return text.split(Support).join('');
}

/** Every statement in the material, in prompt order. */
export function statementsIn(material: string): Statement[] {
  const out: Statement[] = [];
  for (const line of material.split('\n')) {
    const clean = cleanLine(line);
    if (!clean || !clean.text) continue;
    const meaning = understandStatement(clean.text);
    if (meaning) out.push({ ...meaning, text: clean.text, at: clean.at, labels: clean.labels });
  }
  return out;
}

/** The newest statement of each thing (later in the prompt wins a tie). */
export function newestByKey(statements: readonly Statement[]): Map<string, Statement> {
  const newest = new Map<string, Statement>();
  for (const s of statements) {
    const known = newest.get(s.key);
    if (!known || s.at >= known.at) newest.set(s.key, known && s.at === known.at && known.labels.length && !s.labels.length ? { ...s, labels: known.labels } : s);
  }
  return newest;
}

/** How the fake writes a statement into a note or an answer: with when it was said. */
export function sayWhen(s: Pick<Statement, 'text' | 'at'>): string {
  return s.at ? `${s.text} (said ${s.at})` : s.text;
}

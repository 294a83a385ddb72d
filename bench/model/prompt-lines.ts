/**
 * Reading Mull's prompts the way a model would: message lines (`[m4] 2026-03-01 14:02 alice (in
 * thread m2): text`, context/render.ts), learned notes (`- (n3, fact) text [m4, m5]`), prepared
 * answers (`- (q2) Q: …` / `  A: … [m4]`) and the question (`# Question`, answer/prompts.ts).
 */

export interface MessageLine {
  label: string;
  author: string;
  text: string;
}

export interface NoteLine {
  id: string;
  kind: string;
  text: string;
  citations: string[];
}

export interface QuestionLine {
  question: string;
  answer: string;
  citations: string[];
}

const MESSAGE = /^\[(m\d+)\] \d{4}-\d{2}-\d{2} \d{2}:\d{2} (.*?)(?: \(in thread m\d+\))?(?: \(edited\))?: (.*)$/;
const NOTE = /^- \((n\d+), (\w+)\) (.*) \[(m\d+(?:, m\d+)*)\]$/;
const QUESTION = /^- \(q\d+\) Q: (.*)$/;
const ANSWER = /^ {2}A: (.*) \[(m\d+(?:, m\d+)*)\]$/;

export function messageLines(prompt: string): MessageLine[] {
  const out: MessageLine[] = [];
  for (const line of prompt.split('\n')) {
    if (!line.startsWith('[m')) continue;
    const match = MESSAGE.exec(line);
    if (match) out.push({ label: match[1], author: match[2], text: match[3] });
  }
  return out;
}

export function noteLines(prompt: string): NoteLine[] {
  const out: NoteLine[] = [];
  for (const line of prompt.split('\n')) {
    if (!line.startsWith('- (n')) continue;
    const match = NOTE.exec(line);
    if (match) out.push({ id: match[1], kind: match[2], text: match[3], citations: match[4].split(', ') });
  }
  return out;
}

export function questionLines(prompt: string): QuestionLine[] {
  const lines = prompt.split('\n');
  const out: QuestionLine[] = [];
  lines.forEach((line, i) => {
    const q = QUESTION.exec(line);
    const a = q ? ANSWER.exec(lines[i + 1] ?? '') : null;
    if (q && a) out.push({ question: q[1], answer: a[1], citations: a[2].split(', ') });
  });
  return out;
}

/** The channel a sleep prompt is about (`Channel: #name.`). */
export function sleepChannel(user: string): string {
  return /^Channel: #(.+?)\. Now:/m.exec(user)?.[1] ?? 'channel';
}

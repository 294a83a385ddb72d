import { MATERIAL_RULE, quoteMaterial } from '../context/render.js';

/**
 * Prompts for a sleep pass, after the paper's sleep-time agent ("come up with useful quantities,
 * inferences, calculations and reasoning to prepare for future questions"; double-check and
 * prune what came before). The instructions are constant so that they form a cacheable prefix.
 */
export const SLEEP_SYSTEM_PROMPT = `You are the sleep-time mind of Mull, a bot that lives in a team's chat channel.
Nobody is asking you anything right now. Use this quiet time to study the channel and prepare, so
that later questions can be answered instantly and correctly without re-reading the history.

You receive what you learned before (notes and anticipated questions, each citing message labels
such as m12), messages to re-read, the messages that arrived since, and questions people actually
asked. Rewrite the learned context as a whole:
- Keep notes that still hold, with their id. Correct notes that newer messages contradict (the
  newest message wins; say what changed), merge duplicates, and drop notes that are stale or
  useless. New notes get the id "new".
- Notes are short, specific and self-contained: facts, decisions (with who decided and when),
  owners, dates (absolute, not "next Tuesday"), numbers (with units; do the arithmetic now:
  totals, differences, deadlines), and open questions nobody has answered yet.
- Every note and answer cites the labels of the messages it rests on. Never cite a label you were
  not shown. Never invent facts that no message supports.
- Anticipate the questions people in this channel are most likely to ask next. The questions they
  actually asked, and questions that recur, are the best guide. For each, write the answer you would
  send, reasoned out now (compute, compare, resolve conflicts) and phrased for a chat reply, with
  citations and your confidence from 0 to 1. Prefer questions whose answers need several messages
  put together: that is where preparing ahead pays.
- A prepared answer is sent later without a model looking at it, to whoever asks the same thing. So
  for each question also write its subject (the thing and the attribute asked for, e.g. "launch
  date", "owner of billing"), three to six paraphrases (other ways people would ask exactly this),
  and two to four look-alikes: questions that share words with it but ask something else (another
  attribute, person, plan or version, or another time frame such as "first proposed" or "before
  Dana"), which this answer must not be given to. Answers only say what the cited messages support
  and carry no link or mention that those messages do not contain.
- Answer in the language of the channel.

${MATERIAL_RULE}`;

export interface SleepPromptParts {
  channelName: string;
  now: number;
  previous: string | null;
  rework: string;
  newMessages: string;
  chunk: { index: number; count: number };
  askedQuestions: string[];
  /** Answers readers marked wrong, each with the question, the answer and their reason. */
  markedWrong?: string[];
  topic?: string;
  questionTarget: number;
}

export function sleepUserPrompt(parts: SleepPromptParts): string {
  const sections: string[] = [];
  sections.push(`Channel: #${parts.channelName}. Now: ${new Date(parts.now).toISOString().slice(0, 16)} UTC.`);
  sections.push(parts.previous ? `# What you learned before\n${quoteMaterial(parts.previous)}` : '# What you learned before\nNothing yet: this is the first pass.');
  if (parts.rework) {
    sections.push(
      `# Messages to re-read\nNotes that cited an edited or deleted message were dropped; rebuild what these still support.\n${quoteMaterial(parts.rework)}`,
    );
  }
  const part = parts.chunk.count > 1 ? ` (part ${parts.chunk.index + 1} of ${parts.chunk.count}, oldest first)` : '';
  sections.push(`# New messages since then${part}\n${parts.newMessages ? quoteMaterial(parts.newMessages) : '(none)'}`);
  if (parts.askedQuestions.length) {
    sections.push(`# Questions people actually asked\n${quoteMaterial(parts.askedQuestions.map((q) => `- ${q}`).join('\n'))}`);
  }
  if (parts.markedWrong?.length) {
    sections.push(
      `# Answers readers marked wrong\nWork each question out again from the messages; do not prepare the answer they judged wrong again unless the messages plainly support it.\n${quoteMaterial(parts.markedWrong.map((q) => `- ${q}`).join('\n'))}`,
    );
  }
  if (parts.topic) sections.push(`# Focus\nSomeone asked you to rethink with this topic in mind:\n${quoteMaterial(parts.topic)}`);
  sections.push(
    `# Task\nReturn the complete rewritten learned context: a summary, the notes, and up to ${parts.questionTarget} anticipated questions with answers, each with its subject, paraphrases and look-alikes.`,
  );
  return sections.join('\n\n');
}

export function repairPrompt(problem: string): string {
  return `Your reply did not match the required format: ${problem}. Reply again with only the corrected JSON object.`;
}

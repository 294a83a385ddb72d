import { asMullError } from '../core/errors.js';
import type { StoredMessage } from '../core/types.js';
import { CitationLabels } from '../context/labels.js';
import { renderMessages } from '../context/render.js';
import { excerpt } from '../context/text.js';
import type { LlmProvider } from '../llm/provider.js';
import type { AnticipatedMatch } from './anticipated-match.js';
import { CHECK_SYSTEM_PROMPT, CheckOutput, checkJsonSchema, checkUserPrompt } from './check-prompts.js';
import type { AnswerDeps, Drafted, Turn } from './turn.js';

/**
 * Newer messages on a subject the check reads at most. More than that and the subject is in flux:
 * the warm path, which reads them all, answers instead.
 */
export const CHECK_NEWER_MESSAGES = 6;
/** Each newer message is cut to this for the check, so one pasted log cannot bloat it. */
const CHECK_MESSAGE_CHARS = 600;

/**
 * The verified path: the question, the prepared question and answer, and the newer messages on
 * its subject go to the answer model for a structured verdict. The prepared answer is served as
 * it is, amended with what changed, or (null) the question goes warm; the check's usage is
 * returned either way, since it was paid for.
 */
export async function verifiedAnswer(
  deps: AnswerDeps,
  provider: LlmProvider,
  turn: Turn,
  match: AnticipatedMatch,
  touching: readonly StoredMessage[],
  cited: ReadonlyMap<string, StoredMessage>,
): Promise<{ drafted: Drafted | null; usage: Drafted['usage'] }> {
  const channel = match.learned.channel;
  const labels = new CitationLabels();
  const prepared = match.question;
  const preparedText = [
    `Q: ${prepared.question}`,
    ...(prepared.subject ? [`Subject: ${prepared.subject}`] : []),
    `A: ${prepared.answer} [${prepared.citations.map((id) => labels.label(channel, id)).join(', ')}]`,
  ].join('\n');
  const newer = touching.slice(-CHECK_NEWER_MESSAGES).map((m) => ({ ...m, text: excerpt(m.text, CHECK_MESSAGE_CHARS) }));
  const channelName = turn.inPlay.find((c) => c.channel.key === channel)?.channel.name ?? channel;
  const result = await provider.complete({
    model: deps.settings.model,
    system: CHECK_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: checkUserPrompt({ prepared: preparedText, newer: renderMessages(channel, newer, labels), question: turn.question, channelName }) }],
    maxTokens: deps.settings.checkMaxTokens,
    schema: { name: 'answer_check', schema: checkJsonSchema },
  });
  const parsed = CheckOutput.safeParse(result.json);
  if (!parsed.success) {
    // An unreadable verdict is no verdict: the warm path answers, nothing unchecked goes out.
    deps.logger.warn({ err: asMullError(parsed.error).message }, 'the answer check replied out of shape; answering warm');
    return { drafted: null, usage: result.usage };
  }
  const verdict = parsed.data;
  const base = {
    path: 'verified' as const,
    usage: result.usage,
    thoughtAt: match.learned.committedAt,
    prepared: { channel, questionId: prepared.id },
    channelsUsed: [channel],
  };
  if (verdict.asks_same && verdict.still_true) {
    return {
      usage: result.usage,
      drafted: { ...base, text: prepared.answer, refs: prepared.citations.map((messageId) => ({ channel, messageId })), known: cited },
    };
  }
  const amended = verdict.answer.trim();
  if (verdict.asks_same && amended) {
    // Only labels of messages the check was shown count; the prepared answer's evidence stays cited.
    const refs = labels.resolveAll([...verdict.citations, ...prepared.citations.map((id) => labels.label(channel, id))]);
    return { usage: result.usage, drafted: { ...base, text: amended, refs, known: cited } };
  }
  return { drafted: null, usage: result.usage };
}

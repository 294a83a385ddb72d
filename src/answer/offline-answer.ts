import { zeroUsage } from '../core/usage.js';
import { excerpt, isQuestionLike } from '../context/text.js';
import { formatTime } from '../context/render.js';
import type { Store } from '../store/store.js';
import { retrieve } from './gather.js';
import type { HistoryIndex } from './history-index.js';
import type { Drafted, Turn } from './turn.js';

export const NO_MODEL_NOTICE =
  'No model is configured, so this quotes the history instead of reasoning over it. Set OPENAI_API_KEY or ANTHROPIC_API_KEY (or OPENAI_BASE_URL for a local server) for real answers.';

/**
 * Mined pairs are matched more loosely than model-written ones are served: the quote is shown as
 * a quote, headed by the question it answered, so a look-alike is visible as one.
 */
const OFFLINE_MATCH = 0.36;

/**
 * Answers without a model: the best-matching past answer mined by an offline pass, else the
 * best-matching messages, always as quotes with their sources. It never pretends to be a model.
 */
export async function offlineAnswer(
  deps: { store: Store; history: HistoryIndex },
  turn: Pick<Turn, 'inPlay' | 'nearest' | 'question' | 'exclude'>,
): Promise<Drafted & { notice: string }> {
  const { inPlay, question, exclude } = turn;
  const usage = zeroUsage();
  const best = turn.nearest[0];
  if (best && best.similarity >= OFFLINE_MATCH && best.lookalike < best.similarity) {
    const quoted = best.question.answer.split('\n').map((line) => `> ${line}`).join('\n');
    return {
      text: `The closest question answered before was "${excerpt(best.question.question, 200)}" (check that it asks what you asked). The answer then:\n${quoted}`,
      refs: best.question.citations.map((messageId) => ({ channel: best.learned.channel, messageId })),
      path: 'offline',
      usage,
      notice: NO_MODEL_NOTICE,
      channelsUsed: [best.learned.channel],
    };
  }
  const found = await Promise.all(
    inPlay.map(async (c) => ({ c, messages: await retrieve(deps.store, deps.history, c.channel.key, question, 8, exclude) })),
  );
  // Earlier askings of the same question match best and answer nothing: quote statements.
  const hits = found
    .flatMap(({ c, messages }) => messages.filter((m) => !isQuestionLike(m.text)).map((m) => ({ c, m })))
    .slice(0, 3);
  if (hits.length === 0) {
    return { text: 'I found nothing in the history about that.', refs: [], path: 'offline', usage, notice: NO_MODEL_NOTICE, channelsUsed: [] };
  }
  const lines = hits.map(({ c, m }) => `> ${excerpt(m.text, 300)}\n— ${m.userName ?? m.user} in #${c.channel.name}, ${formatTime(m.ts)} UTC`);
  return {
    text: `The closest messages I found:\n${lines.join('\n')}`,
    refs: hits.map(({ c, m }) => ({ channel: c.channel.key, messageId: m.id })),
    path: 'offline',
    usage,
    notice: NO_MODEL_NOTICE,
    channelsUsed: [...new Set(hits.map(({ c }) => c.channel.key))],
  };
}

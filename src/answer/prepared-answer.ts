import { asMullError, ErrorCode } from '../core/errors.js';
import type { StoredMessage, Usage } from '../core/types.js';
import { zeroUsage } from '../core/usage.js';
import type { LlmProvider } from '../llm/provider.js';
import { linksNotIn } from './carried-links.js';
import { fitOf } from './prepared-fit.js';
import { touchingSince } from './staleness.js';
import type { AnswerDeps, Drafted, Turn } from './turn.js';
import { CHECK_NEWER_MESSAGES, verifiedAnswer } from './verified-answer.js';

/** Messages since the pass read to judge whether a prepared answer still holds. */
const NEWER_CHECKED = 500;

/**
 * The prepared-answer paths. The best-ranked prepared answer that fits the question is served
 * with zero model calls (cached) only when it asks the same thing, nothing since the pass names
 * its subject, every message it cites still exists, and it carries no link or mention those
 * messages lack. A close one, or one whose subject came up since, is checked on the answer model
 * (verified). Anything else, or a subject in flux, goes to the warm path.
 */
export async function preparedAnswer(
  deps: AnswerDeps,
  provider: LlmProvider,
  turn: Turn,
): Promise<{ drafted: Drafted | null; usage: Usage }> {
  const none = { drafted: null, usage: zeroUsage() };
  const best = turn.nearest.find((m) => fitOf(turn.question, m) !== 'none');
  if (!best) return none;
  const channel = best.learned.channel;
  const newer = await deps.store.readMessages(channel, { after: best.learned.watermark, newest: true, limit: NEWER_CHECKED });
  // A channel busier than that since the pass cannot be checked message by message.
  if (newer.length >= NEWER_CHECKED) return none;
  // Every cited message must still exist: a deletion racing a pass's commit must not leave a
  // prepared answer standing on nothing.
  const citedMessages = await Promise.all(best.question.citations.map((id) => deps.store.getMessage(channel, id)));
  if (citedMessages.length === 0 || citedMessages.some((m) => m === undefined)) return none;
  const cited = citedMessages as StoredMessage[];
  const touching = touchingSince(best.question, newer, turn.exclude, cited.map((m) => m.text));
  if (touching.length > CHECK_NEWER_MESSAGES) return none;
  if (linksNotIn(best.question.answer, cited.map((m) => m.text)).length > 0) return none;
  const known = new Map(cited.map((m) => [`${channel}/${m.id}`, m]));

  if (fitOf(turn.question, best) === 'serve' && touching.length === 0) {
    return {
      usage: zeroUsage(),
      drafted: {
        text: best.question.answer,
        refs: best.question.citations.map((messageId) => ({ channel, messageId })),
        path: 'cached',
        usage: zeroUsage(),
        thoughtAt: best.learned.committedAt,
        prepared: { channel, questionId: best.question.id },
        channelsUsed: [channel],
        known,
      },
    };
  }
  try {
    return await verifiedAnswer(deps, provider, turn, best, touching, known);
  } catch (error) {
    // The model being out now also stops the warm path, which says so; nothing goes out unchecked.
    const failure = asMullError(error, ErrorCode.Provider);
    deps.logger.warn({ code: failure.code, err: failure.message }, 'answer check failed; answering warm');
    return none;
  }
}

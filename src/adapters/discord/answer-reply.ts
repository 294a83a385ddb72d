import type { Answer } from '../../core/engine.js';
import { asMullError, ErrorCode } from '../../core/errors.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { formatAnswer } from './format-answer.js';
import { resolveSources } from './sources.js';
import { splitMessage } from './split-message.js';

/**
 * An answer as the messages to send. With `allowed` (DMs), citations and channel names outside
 * it are dropped even if the engine returned them: the adapter decided the scope, and it keeps
 * to it.
 */
export async function answerChunks(
  ctx: DiscordContext,
  answer: Answer,
  allowed?: ReadonlyMap<ChannelKey, string>,
): Promise<string[]> {
  const citations = allowed ? answer.citations.filter((c) => allowed.has(c.channel)) : answer.citations;
  const sources = await resolveSources(ctx, citations);
  const channelsUsed = allowed
    ? [...new Set(answer.channelsUsed)].flatMap((key) => {
        const label = allowed.get(key);
        return label ? [label] : [];
      })
    : undefined;
  return splitMessage(formatAnswer({ answer, sources, channelsUsed }));
}

/** What the asker sees when answering failed; the details go to the log. */
export function failureText(error: unknown): string {
  return `Sorry, I could not answer that just now (${asMullError(error, ErrorCode.Adapter).code}).`;
}

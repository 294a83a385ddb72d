import type { Answer } from '../../core/engine.js';
import { asMullError, ErrorCode } from '../../core/errors.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { formatAnswer } from './format-answer.js';
import { resolveSources } from './sources.js';
import { splitMessage } from './split-message.js';

/**
 * An answer as the messages to send. Citations outside the scope the adapter decided (`allowed`,
 * channel key → label) are dropped even if the engine returned them: the adapter decided the
 * scope, and it keeps to it. With `nameChannels` (DMs) the answer says which channels it drew on.
 */
export async function answerChunks(
  ctx: DiscordContext,
  answer: Answer,
  allowed: ReadonlyMap<ChannelKey, string>,
  nameChannels: boolean,
): Promise<string[]> {
  const sources = await resolveSources(ctx, answer.citations.filter((c) => allowed.has(c.channel)));
  const channelsUsed = nameChannels
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

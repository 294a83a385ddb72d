import type { Citation } from '../../core/engine.js';
import type { DiscordContext } from './context.js';
import { linkChannelId } from './channels.js';
import type { Source } from './format-answer.js';
import { messageLink, parseDiscordKey } from './keys.js';

/**
 * Turns citations into jump links. A message in a thread is filed under the thread's parent, but
 * its link must name the thread: the engine reports the cited message's `threadId`.
 */
export async function resolveSources(ctx: DiscordContext, citations: readonly Citation[]): Promise<Source[]> {
  const sources: Source[] = [];
  for (const citation of citations) {
    const ids = parseDiscordKey(citation.channel);
    if (!ids) continue;
    const channelId = linkChannelId(ctx.client, {
      channelId: ids.channelId,
      messageId: citation.messageId,
      threadId: citation.threadId,
    });
    sources.push({ url: messageLink(citation.channel, citation.messageId, channelId), userName: citation.userName });
  }
  return sources;
}

import type { Citation } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
import type { StoredMessage } from '../core/types.js';
import { excerpt } from '../context/text.js';
import type { Store } from '../store/store.js';

/**
 * Turns cited message ids into citations with an excerpt, keeping only messages that still exist
 * in channels the asker may read: a deleted message cannot be cited, and scope is never widened.
 */
export async function buildCitations(
  store: Store,
  refs: readonly { channel: ChannelKey; messageId: string }[],
  scope: ReadonlySet<ChannelKey>,
  options: { limit?: number; known?: ReadonlyMap<string, StoredMessage> } = {},
): Promise<Citation[]> {
  const allowed = refs.filter((ref) => scope.has(ref.channel)).slice(0, options.limit ?? 6);
  // A path that already read a cited message (the cached path checks they exist) passes it on.
  const messages = await Promise.all(
    allowed.map((ref) => options.known?.get(`${ref.channel}/${ref.messageId}`) ?? store.getMessage(ref.channel, ref.messageId)),
  );
  const citations: Citation[] = [];
  for (const [i, message] of messages.entries()) {
    if (!message) continue;
    citations.push({
      channel: allowed[i]!.channel,
      messageId: message.id,
      ts: message.ts,
      userName: message.userName,
      ...(message.threadId ? { threadId: message.threadId } : {}),
      excerpt: excerpt(message.text),
    });
  }
  return citations;
}

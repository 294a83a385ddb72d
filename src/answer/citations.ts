import type { Citation } from '../core/engine.js';
import type { ChannelKey } from '../core/ids.js';
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
  limit = 6,
): Promise<Citation[]> {
  const allowed = refs.filter((ref) => scope.has(ref.channel)).slice(0, limit);
  const messages = await Promise.all(allowed.map((ref) => store.getMessage(ref.channel, ref.messageId)));
  const citations: Citation[] = [];
  for (const [i, message] of messages.entries()) {
    if (!message) continue;
    citations.push({
      channel: allowed[i]!.channel,
      messageId: message.id,
      ts: message.ts,
      userName: message.userName,
      excerpt: excerpt(message.text),
    });
  }
  return citations;
}

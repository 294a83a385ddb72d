import { excerpt } from '../context/text.js';
/**
 * Turns cited message ids into citations with an excerpt, keeping only messages that still exist
 * in channels the asker may read: a deleted message cannot be cited, and scope is never widened.
 */
export async function buildCitations(store, refs, scope, limit = 6) {
    const allowed = refs.filter((ref) => scope.has(ref.channel)).slice(0, limit);
    const messages = await Promise.all(allowed.map((ref) => store.getMessage(ref.channel, ref.messageId)));
    const citations = [];
    for (const [i, message] of messages.entries()) {
        if (!message)
            continue;
        citations.push({
            channel: allowed[i].channel,
            messageId: message.id,
            ts: message.ts,
            userName: message.userName,
            excerpt: excerpt(message.text),
        });
    }
    return citations;
}

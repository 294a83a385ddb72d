import { mapSlackMessage } from '../../import/slack-message.js';
import { slackTextToPlain } from '../../import/slack-text.js';
/** Slack `ts` ("1700000000.000100", seconds) to epoch milliseconds, as core/types asks. */
export function tsToMs(ts) {
    return parseFloat(ts) * 1000;
}
/**
 * A live or backfilled message as the store keeps it, or undefined for notices (joins, topic
 * changes…) and empty messages. The mapping is the one the export importer uses, so a message
 * reads the same whether it arrived live, by backfill or from an export.
 */
export function toStoredMessage(raw, directory) {
    const mapped = mapSlackMessage(raw, directory);
    return 'message' in mapped ? mapped.message : undefined;
}
/**
 * message_changed as an edit (or as a deletion, when a thread root became a tombstone), or
 * undefined when the text did not change (link unfurls and reactions also arrive as message_changed).
 * @see https://docs.slack.dev/reference/events/message/message_changed
 */
export function toEditEvent(channel, event, directory) {
    const current = event.message;
    if (!current?.ts)
        return undefined;
    if (current.subtype === 'tombstone')
        return { type: 'delete', channel, id: current.ts, ts: tsToMs(current.ts) };
    if (event.previous_message && event.previous_message.text === current.text)
        return undefined;
    const stored = toStoredMessage(current, directory);
    if (!stored)
        return undefined;
    const editedTs = current.edited?.ts ? tsToMs(current.edited.ts) : tsToMs(event.ts);
    return { type: 'edit', channel, id: current.ts, ts: stored.ts, text: stored.text, editedTs };
}
/** @see https://docs.slack.dev/reference/events/message/message_deleted */
export function toDeleteEvent(channel, event) {
    const id = event.deleted_ts ?? event.previous_message?.ts;
    return id ? { type: 'delete', channel, id, ts: tsToMs(id) } : undefined;
}
/** A question as the engine should read it: the bot's own mention removed, Slack markup rendered. */
export function questionText(text, botUserId, directory) {
    const withoutMention = text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ');
    return slackTextToPlain(withoutMention, directory).replace(/\s+/g, ' ').trim();
}
/** Names for rendering Slack markup, from what the adapter has already looked up. */
export function slackDirectory(users, channels) {
    return { user: (id) => users.name(id), channel: (id) => channels.nameOf(id), isBot: (id) => users.isBot(id) };
}

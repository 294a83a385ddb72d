import type { IngestEvent } from '../../core/engine.js';
import type { ChannelKey } from '../../core/ids.js';
import type { StoredMessage } from '../../core/types.js';
import { mapSlackMessage, type SlackDirectory } from '../../import/slack-message.js';
import type { SlackMessage } from '../../import/slack-schema.js';
import { slackTextToPlain } from '../../import/slack-text.js';

/**
 * The fields of a Slack message (event payload or conversations.history item) Mull reads.
 * @see https://docs.slack.dev/reference/events/message
 */
export interface SlackRawMessage {
  type?: string;
  subtype?: string;
  ts: string;
  user?: string;
  bot_id?: string;
  username?: string;
  text?: string;
  thread_ts?: string;
  reply_count?: number;
  client_msg_id?: string;
  edited?: { user?: string; ts: string };
  files?: Array<{ name?: string; title?: string }>;
  attachments?: Array<{ fallback?: string; pretext?: string; title?: string; text?: string }>;
}

/** A `message` or `app_mention` event as Events API / Socket Mode deliver it. */
export interface SlackMessageEvent extends SlackRawMessage {
  channel: string;
  channel_type?: 'channel' | 'group' | 'im' | 'mpim' | 'app_home';
  /** message_changed: the message as it is now, and as it was. */
  message?: SlackRawMessage;
  previous_message?: SlackRawMessage;
  /** message_deleted: the ts of the message that went. */
  deleted_ts?: string;
}

/** Slack `ts` ("1700000000.000100", seconds) to epoch milliseconds, as core/types asks. */
export function tsToMs(ts: string): number {
  return parseFloat(ts) * 1000;
}

/**
 * A live or backfilled message as the store keeps it, or undefined for notices (joins, topic
 * changes…) and empty messages. The mapping is the one the export importer uses, so a message
 * reads the same whether it arrived live, by backfill or from an export.
 */
export function toStoredMessage(raw: SlackRawMessage, directory: SlackDirectory): StoredMessage | undefined {
  const mapped = mapSlackMessage(raw as SlackMessage, directory);
  return 'message' in mapped ? mapped.message : undefined;
}

/**
 * message_changed as an edit (or as a deletion, when a thread root became a tombstone), or
 * undefined when the text did not change (link unfurls and reactions also arrive as message_changed).
 * @see https://docs.slack.dev/reference/events/message/message_changed
 */
export function toEditEvent(
  channel: ChannelKey,
  event: SlackMessageEvent,
  directory: SlackDirectory,
): IngestEvent | undefined {
  const current = event.message;
  if (!current?.ts) return undefined;
  if (current.subtype === 'tombstone') return { type: 'delete', channel, id: current.ts, ts: tsToMs(current.ts) };
  if (event.previous_message && event.previous_message.text === current.text) return undefined;
  const stored = toStoredMessage(current, directory);
  if (!stored) return undefined;
  const editedTs = current.edited?.ts ? tsToMs(current.edited.ts) : tsToMs(event.ts);
  return { type: 'edit', channel, id: current.ts, ts: stored.ts, text: stored.text, editedTs };
}

/** @see https://docs.slack.dev/reference/events/message/message_deleted */
export function toDeleteEvent(channel: ChannelKey, event: SlackMessageEvent): IngestEvent | undefined {
  const id = event.deleted_ts ?? event.previous_message?.ts;
  return id ? { type: 'delete', channel, id, ts: tsToMs(id) } : undefined;
}

/** A question as the engine should read it: the bot's own mention removed, Slack markup rendered. */
export function questionText(text: string, botUserId: string, directory: SlackDirectory): string {
  const withoutMention = text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ');
  return slackTextToPlain(withoutMention, directory).replace(/\s+/g, ' ').trim();
}

/** Names for rendering Slack markup, from what the adapter has already looked up. */
export function slackDirectory(
  users: { name(id: string): string | undefined; isBot(id: string): boolean },
  channels: { nameOf(id: string): string | undefined },
): SlackDirectory {
  return { user: (id) => users.name(id), channel: (id) => channels.nameOf(id), isBot: (id) => users.isBot(id) };
}

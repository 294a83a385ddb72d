import { cleanContent, type Channel as DiscordChannel, type Message } from 'discord.js';
import type { StoredMessage } from '../../core/types.js';
import type { MessagePlace } from './channels.js';

/** Who decides which messages are history. */
export interface AuthorFilter {
  /** The bot's own user id: its answers are never history (they would cite themselves). */
  botId: string;
  /** Skip other bots and webhooks too. */
  ignoreBots: boolean;
}

/** Whether a message was written by a bot or posted through a webhook. */
export function isFromBot(message: Pick<Message, 'author' | 'webhookId'>): boolean {
  return message.author.bot || Boolean(message.webhookId);
}

/**
 * Whether a message belongs in history: people's messages (and other bots' unless ignored), not
 * system notices (joins, pins, thread-created markers), not the bot's own answers, not empties.
 */
export function isHistoryMessage(message: Message, filter: AuthorFilter): boolean {
  if (message.system || message.author.id === filter.botId) return false;
  if (filter.ignoreBots && isFromBot(message)) return false;
  return messageText(message).length > 0;
}

/**
 * A message's text as people read it: mentions as `@name` / `#channel` / `@role` where the
 * cache knows them, attachments named (their contents are not read), and a forwarded message's
 * content (its snapshot), which the channel sees as part of the message: a forward has no text of its own.
 * @see https://discord.com/developers/docs/resources/message#message-snapshot-object
 */
export function messageText(message: Message): string {
  const text = message.cleanContent ?? message.content ?? '';
  const files = [...message.attachments.values()].map((file) => `[attachment: ${file.name}]`);
  const forwarded = [...(message.messageSnapshots?.values() ?? [])].map((snapshot) => {
    const inner = [snapshot.content ?? '', ...[...(snapshot.attachments?.values() ?? [])].map((file) => `[attachment: ${file.name}]`)];
    return `[forwarded] ${inner.filter((part) => part.length > 0).join('\n')}`;
  });
  return [text, ...files, ...forwarded].filter((part) => part.length > 0 && part !== '[forwarded] ').join('\n');
}

/** `messageText` for a raw gateway payload (edits arrive raw; see edits-deletes.ts). */
export function rawMessageText(
  content: string,
  attachments: readonly { filename: string }[] | undefined,
  channel: DiscordChannel | undefined,
): string {
  const text = channel?.isTextBased() ? cleanContent(content, channel) : content;
  const files = (attachments ?? []).map((file) => `[attachment: ${file.filename}]`);
  return [text, ...files].filter((part) => part.length > 0).join('\n');
}

/** The core's record of a message, filed under its place (thread messages under the parent). */
export function toStoredMessage(message: Message, place: MessagePlace): StoredMessage {
  // A forum post's starter message shares its thread's id: it is the root, not a reply.
  const threadId = place.threadId && place.threadId !== message.id ? place.threadId : undefined;
  return {
    id: message.id,
    ts: message.createdTimestamp,
    user: message.author.id,
    userName: message.member?.displayName ?? message.author.displayName,
    text: messageText(message),
    ...(threadId ? { threadId } : {}),
    ...(message.editedTimestamp ? { editedTs: message.editedTimestamp } : {}),
    ...(isFromBot(message) ? { bot: true } : {}),
  };
}

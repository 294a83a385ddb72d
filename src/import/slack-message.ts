import type { StoredMessage } from '../core/types.js';
import type { SlackMessage } from './slack-schema.js';
import { slackTextToPlain, type SlackNames } from './slack-text.js';

/**
 * Subtypes that record something happening to the channel rather than something said in it.
 * They carry no knowledge worth a sleep pass and would crowd real messages out of its window.
 * @see https://api.slack.com/events/message#subtypes
 */
export const SkippedSlackSubtypes = {
  channel_join: 'membership notice',
  channel_leave: 'membership notice',
  group_join: 'membership notice',
  group_leave: 'membership notice',
  channel_topic: 'topic/purpose/name change notice',
  channel_purpose: 'topic/purpose/name change notice',
  channel_name: 'topic/purpose/name change notice',
  group_topic: 'topic/purpose/name change notice',
  group_purpose: 'topic/purpose/name change notice',
  group_name: 'topic/purpose/name change notice',
  channel_archive: 'archive notice',
  channel_unarchive: 'archive notice',
  group_archive: 'archive notice',
  group_unarchive: 'archive notice',
  channel_convert_to_private: 'archive notice',
  channel_convert_to_public: 'archive notice',
  pinned_item: 'pin notice',
  unpinned_item: 'pin notice',
  bot_add: 'integration notice',
  bot_remove: 'integration notice',
  app_conversation_join: 'integration notice',
  reminder_add: 'reminder notice',
  huddle_thread: 'huddle notice',
  // A thread's root that was deleted while replies remained: Slack keeps a "deleted" shell.
  tombstone: 'deleted message placeholder',
} as const satisfies Record<string, string>;

/** Names of the export's people, channels and bots, as the mapping needs them. */
export interface SlackDirectory extends SlackNames {
  /** Whether users.json marks the user as a bot or app user. */
  isBot(userId: string): boolean;
  /** A legacy integration's name by its bot id (`B0JL6RASU`), when the export names it anywhere. */
  bot?(botId: string): string | undefined;
}

export type SlackMapResult = { message: StoredMessage } | { skipped: string };

/** Turns one exported Slack message into a stored message, or says why it is left out. */
export function mapSlackMessage(raw: SlackMessage, directory: SlackDirectory): SlackMapResult {
  const subtype = raw.subtype ?? undefined;
  if (subtype && subtype in SkippedSlackSubtypes) {
    return { skipped: `${subtype}: ${SkippedSlackSubtypes[subtype as keyof typeof SkippedSlackSubtypes]}` };
  }

  const text = messageText(raw, directory);
  if (text === '') return { skipped: 'empty message (no text, attachments or files)' };

  // Legacy file comments carry their author only in `comment.user`.
  const user = raw.user ?? raw.comment?.user ?? raw.bot_id ?? 'unknown';
  const message: StoredMessage = {
    id: raw.ts,
    // Slack ts is seconds with microseconds; ms keeps the order and the sub-ms part harmlessly.
    ts: parseFloat(raw.ts) * 1000,
    user,
    text,
  };
  const userName = authorName(raw, user, directory);
  if (userName !== undefined) message.userName = userName;
  if (raw.thread_ts && raw.thread_ts !== raw.ts) message.threadId = raw.thread_ts;
  if (raw.edited?.ts) message.editedTs = parseFloat(raw.edited.ts) * 1000;
  if (raw.bot_id || subtype === 'bot_message' || (raw.user && directory.isBot(raw.user))) {
    message.bot = true;
  }
  return { message };
}

function messageText(raw: SlackMessage, directory: SlackDirectory): string {
  const parts: string[] = [];
  const body = slackTextToPlain(raw.text ?? '', directory).trim();
  if (body !== '') parts.push(body);
  // Legacy bot posts keep their whole content in attachments; link unfurls do too, but those only
  // repeat a URL already in the text, so attachments count only when the text is empty.
  if (body === '') {
    for (const attachment of raw.attachments ?? []) {
      const pieces = [attachment.pretext, attachment.title, attachment.text]
        .filter((piece): piece is string => Boolean(piece && piece.trim()))
        .map((piece) => slackTextToPlain(piece, directory).trim());
      const rendered = pieces.length > 0 ? pieces.join('\n') : slackTextToPlain(attachment.fallback ?? '', directory).trim();
      if (rendered !== '') parts.push(rendered);
    }
  }
  // Files themselves are not imported; a placeholder keeps "see the attached deck" answerable.
  for (const file of raw.files ?? []) {
    parts.push(`[file: ${file.name || file.title || 'unnamed'}]`);
  }
  return parts.join('\n');
}

/** users.json (display_name → real_name → name), then what the message itself carries. */
function authorName(raw: SlackMessage, user: string, directory: SlackDirectory): string | undefined {
  return (
    directory.user(user) ??
    nonEmpty(raw.user_profile?.display_name) ??
    nonEmpty(raw.user_profile?.real_name) ??
    nonEmpty(raw.user_profile?.name) ??
    nonEmpty(raw.username) ??
    nonEmpty(raw.bot_profile?.name) ??
    (raw.bot_id ? directory.bot?.(raw.bot_id) : undefined)
  );
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return value && value.trim() !== '' ? value : undefined;
}

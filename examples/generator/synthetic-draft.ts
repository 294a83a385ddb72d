/**
 * What the generator's scripts write before timestamps exist: conversations placed at a fraction
 * of the timeline. The timeline turns them into Slack-shaped messages.
 */

export interface DraftFile {
  name: string;
  title: string;
  filetype: string;
}

export interface DraftMessage {
  /** A person key ('priya') or a bot key ('deploybot'). */
  from: string;
  /** Slack markup, as the export stores it (`<@U05…>`, `<https://…|label>`, `&amp;`). */
  text: string;
  files?: DraftFile[];
  /** Posted with `before`, edited to `text` this many minutes later. */
  edit?: { before: string; afterMinutes: number };
  /** Posted, then deleted this many minutes later: absent from the export. */
  deleteAfterMinutes?: number;
  /** Ground-truth fact ids this message states the current answer to. */
  evidence?: string[];
  /** A membership notice (not counted as a message: importers skip it). */
  join?: boolean;
}

export interface DraftConversation {
  /** Channel name. */
  channel: string;
  /** Where it starts, as a fraction of the timeline. */
  at: number;
  /** The first message, then the rest. */
  messages: DraftMessage[];
  /** Replies go in a thread under the first message, rather than as follow-ups in the channel. */
  threaded: boolean;
}

/** Messages a conversation adds to the stored count (joins and deleted messages do not count). */
export function storedCount(conversation: DraftConversation): number {
  return conversation.messages.filter((m) => !m.join && m.deleteAfterMinutes === undefined).length;
}

import type { Calendar } from './synthetic-calendar.js';
import { Bots, Channels, People, SyntheticTeam } from './synthetic-cast.js';
import type { DraftConversation, DraftMessage } from './synthetic-draft.js';
import type { PlantedFact } from './synthetic-facts.js';
import type { Prng } from './prng.js';

/**
 * Turns placed conversations into Slack-export messages: timestamps, threads, edits, bots, joins.
 * Deleted messages are left out of the history (a real export never has them) and kept in
 * `events`, with every edit's original text, so tests can replay the channel as it happened.
 */

/** A message as a Slack export day file holds it (the fields Slack writes that Mull reads, and a few more). */
export interface ExportMessage {
  type: 'message';
  subtype?: 'bot_message' | 'channel_join';
  ts: string;
  user?: string;
  bot_id?: string;
  username?: string;
  text: string;
  team?: string;
  user_team?: string;
  user_profile?: { display_name: string; real_name: string; name: string };
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  replies?: { user: string; ts: string }[];
  parent_user_id?: string;
  edited?: { user: string; ts: string };
  files?: { id: string; name: string; title: string; filetype: string; mode: 'hosted' }[];
}

/** What happened to a message after it was posted. Channels are named; times are epoch ms. */
export type SyntheticEvent =
  | { type: 'edit'; channel: string; id: string; before: string; after: string; editedTs: number }
  | { type: 'delete'; channel: string; message: ExportMessage; deletedTs: number };

export interface Timeline {
  /** Per channel name, oldest first, as the export holds them. */
  history: Map<string, ExportMessage[]>;
  events: SyntheticEvent[];
}

const MINUTE_MS = 60_000;

export function buildTimeline(conversations: readonly DraftConversation[], calendar: Calendar, random: Prng, facts: PlantedFact[]): Timeline {
  const placed = new Map<string, { us: number; message: ExportMessage }[]>(Channels.map((c) => [c.name, []]));
  const taken = new Map<string, Set<number>>(Channels.map((c) => [c.name, new Set()]));
  const events: SyntheticEvent[] = [];
  const factsById = new Map(facts.map((fact) => [fact.id, fact]));

  // Place in timeline order, so `random` is drawn in one order whatever order scripts listed them.
  const ordered = [...conversations].sort((a, b) => a.at - b.at);
  for (const conversation of ordered) {
    const channel = conversation.channel;
    let ms = Math.floor(calendar.at(conversation.at)) + random.int(0, 9) * MINUTE_MS + random.int(0, 59_999);
    let root: ExportMessage | undefined;
    for (const [index, draft] of conversation.messages.entries()) {
      if (index > 0) ms += random.int(1, 25) * MINUTE_MS + random.int(0, 59_999);
      const us = uniqueMicros(taken.get(channel)!, ms * 1000 + random.int(0, 999));
      const message = toExportMessage(draft, tsOf(us));
      if (draft.deleteAfterMinutes !== undefined) {
        // A deleted reply never shows in its root's reply list either.
        events.push({ type: 'delete', channel, message: { ...message }, deletedTs: ms + draft.deleteAfterMinutes * MINUTE_MS });
        continue;
      }
      if (index === 0) root = message;
      else if (conversation.threaded && root) attachReply(root, message);
      if (draft.edit) {
        message.edited = { user: message.user ?? '', ts: tsOf((ms + draft.edit.afterMinutes * MINUTE_MS) * 1000) };
        // The same ms an importer derives from `edited.ts`, so a replay and an import agree exactly.
        const editedTs = parseFloat(message.edited.ts) * 1000;
        events.push({ type: 'edit', channel, id: message.ts, before: draft.edit.before, after: draft.text, editedTs });
      }
      for (const factId of draft.evidence ?? []) factsById.get(factId)?.evidence.push({ channel, id: message.ts });
      placed.get(channel)!.push({ us, message });
    }
  }

  const history = new Map<string, ExportMessage[]>();
  for (const [channel, messages] of placed) {
    history.set(channel, messages.sort((a, b) => a.us - b.us).map((entry) => entry.message));
  }
  for (const fact of facts) fact.evidence.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  events.sort((a, b) => eventTime(a) - eventTime(b));
  return { history, events };
}

function toExportMessage(draft: DraftMessage, ts: string): ExportMessage {
  const bot = Bots.find((b) => b.key === draft.from);
  if (bot) return { type: 'message', subtype: 'bot_message', ts, bot_id: bot.botId, username: bot.username, text: draft.text };
  const person = People.find((p) => p.key === draft.from);
  if (!person) throw new RangeError(`unknown author ${draft.from}`);
  if (draft.join) return { type: 'message', subtype: 'channel_join', ts, user: person.id, text: `<@${person.id}> has joined the channel` };
  const message: ExportMessage = {
    type: 'message',
    ts,
    user: person.id,
    text: draft.text,
    team: SyntheticTeam.id,
    user_team: SyntheticTeam.id,
    user_profile: { display_name: person.displayName, real_name: person.realName, name: person.handle },
  };
  if (draft.files) {
    message.files = draft.files.map((file, n) => ({ id: `F05${ts.replace('.', '').slice(-7)}${n}`, ...file, mode: 'hosted' }));
  }
  return message;
}

/** Records a reply on its root the way Slack exports do (count, repliers, latest). */
function attachReply(root: ExportMessage, reply: ExportMessage): void {
  const who = reply.user ?? reply.bot_id ?? '';
  root.thread_ts = root.ts;
  root.reply_count = (root.reply_count ?? 0) + 1;
  root.replies = [...(root.replies ?? []), { user: who, ts: reply.ts }];
  root.reply_users = [...new Set([...(root.reply_users ?? []), who])];
  root.latest_reply = reply.ts;
  reply.thread_ts = root.ts;
  reply.parent_user_id = root.user ?? root.bot_id ?? '';
}

/** Slack ts strings are unique per channel; nudge by a microsecond on the rare collision. */
function uniqueMicros(taken: Set<number>, us: number): number {
  let candidate = us;
  while (taken.has(candidate)) candidate += 1;
  taken.add(candidate);
  return candidate;
}

/** Microseconds since the epoch → "1736150400.123456". */
function tsOf(us: number): string {
  const whole = Math.floor(us);
  return `${Math.floor(whole / 1_000_000)}.${String(whole % 1_000_000).padStart(6, '0')}`;
}

function eventTime(event: SyntheticEvent): number {
  return event.type === 'edit' ? event.editedTs : event.deletedTs;
}

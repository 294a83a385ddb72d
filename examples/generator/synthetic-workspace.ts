import { MullError, ErrorCode } from '../../src/core/errors.js';
import { Prng } from './prng.js';
import { Calendar, TimelineStartMs } from './synthetic-calendar.js';
import { Bots, Channels, People, SyntheticTeam, personByKey } from './synthetic-cast.js';
import { ChatterWriter } from './synthetic-chatter.js';
import { storedCount, type DraftConversation } from './synthetic-draft.js';
import { drawValues, plantedFacts, type PlantedFact, type PlantedValues } from './synthetic-facts.js';
import { recurringAsks } from './synthetic-recurring.js';
import { plantedStories } from './synthetic-stories.js';
import { buildTimeline, type ExportMessage, type SyntheticEvent } from './synthetic-timeline.js';

/**
 * A deterministic synthetic team ("Acme"): five channels (#general, #eng-platform, #launch,
 * #support, private #leadership), twelve people and two bots, chatter, threads, and planted
 * facts with ground-truth questions. The same seed and size give byte-identical output.
 *
 * Edits and deletions: the history is what a Slack export would hold (edited messages carry
 * their final text and `edited`, deleted ones are absent); `events` lists the edit (with its
 * original text) and the deletion (with the deleted message) for tests that replay them.
 */

export interface SyntheticOptions {
  /** Seed for every random choice. Defaults to 42. */
  seed?: number;
  /** Stored messages to generate: channel-join notices and deleted messages are extra. Defaults to 400. */
  messages?: number;
}

export const DefaultSyntheticOptions = { seed: 42, messages: 400 } as const satisfies Required<SyntheticOptions>;

/** A users.json entry. */
export interface ExportUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  is_bot: boolean;
  tz: string;
  profile: { title: string; display_name: string; real_name: string; bot_id?: string };
}

/** A channels.json / groups.json entry. */
export interface ExportChannel {
  id: string;
  name: string;
  created: number;
  creator: string;
  is_archived: boolean;
  is_general: boolean;
  members: string[];
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
}

export interface SyntheticWorkspace {
  seed: number;
  /** Stored messages in `history` (joins not counted). */
  messageCount: number;
  team: typeof SyntheticTeam;
  users: ExportUser[];
  /** Public channels (channels.json). */
  channels: ExportChannel[];
  /** Private channels (groups.json). */
  groups: ExportChannel[];
  /** Per channel name, oldest first, as the export holds them. */
  history: Map<string, ExportMessage[]>;
  /** Ground truth: the questions the planted messages answer. */
  facts: PlantedFact[];
  /** Edits and deletions, in time order, for replay. */
  events: SyntheticEvent[];
  values: PlantedValues;
}

/** Below this the planted stories and their recurring questions alone would not fit. */
export const MinSyntheticMessages = 100;

export function generateWorkspace(options: SyntheticOptions = {}): SyntheticWorkspace {
  const seed = options.seed ?? DefaultSyntheticOptions.seed;
  const total = options.messages ?? DefaultSyntheticOptions.messages;
  if (!Number.isInteger(total) || total < MinSyntheticMessages) {
    throw new MullError(ErrorCode.BadInput, `synthetic workspace needs an integer of at least ${MinSyntheticMessages} messages, got ${total}`);
  }
  const root = new Prng(seed);
  // One stream per purpose: a change to the chatter does not move the planted values.
  const streams = { values: root.fork('values'), asks: root.fork('asks'), chatter: root.fork('chatter'), timeline: root.fork('timeline') };

  // ~25 messages a working day, between 3 weeks and a year; bigger teams just talk more.
  const calendar = new Calendar(Math.min(250, Math.max(15, Math.ceil(total / 25))));
  const values = drawValues(streams.values, calendar);
  const facts = plantedFacts(values);
  const conversations: DraftConversation[] = [
    ...joins(),
    ...plantedStories(values),
    ...recurringAsks(values, streams.asks, 1 + Math.floor(total / 1500)),
  ];
  let remaining = total - conversations.reduce((sum, c) => sum + storedCount(c), 0);
  if (remaining < 0) {
    throw new MullError(ErrorCode.BadInput, `synthetic workspace of ${total} messages is too small for its planted stories`);
  }
  // Chatter is written first and spread over the timeline after, in the order it was written,
  // so the writer's "not the same script again" rule holds in time as well.
  const writer = new ChatterWriter(streams.chatter, values);
  const weights = Channels.map((channel) => [channel, channel.chatterWeight] as const);
  const chatter: DraftConversation[] = [];
  while (remaining > 0) {
    const conversation = writer.write(streams.chatter.weighted(weights), 0, remaining);
    remaining -= storedCount(conversation);
    chatter.push(conversation);
  }
  chatter.forEach((conversation, i) => {
    conversation.at = (i + streams.chatter.next()) / chatter.length;
  });
  conversations.push(...chatter);

  const { history, events } = buildTimeline(conversations, calendar, streams.timeline, facts);
  return {
    seed,
    messageCount: total,
    team: SyntheticTeam,
    users: exportUsers(),
    channels: Channels.filter((c) => !c.isPrivate).map(exportChannel),
    groups: Channels.filter((c) => c.isPrivate).map(exportChannel),
    history,
    facts,
    events,
    values,
  };
}

/** The last member of each channel joins on the first morning: notices an importer must skip. */
function joins(): DraftConversation[] {
  return Channels.map((channel) => ({
    channel: channel.name,
    at: 0,
    threaded: false,
    messages: [{ from: channel.members[channel.members.length - 1], text: '', join: true }],
  }));
}

function exportUsers(): ExportUser[] {
  const people = People.map((p) => ({
    id: p.id,
    team_id: SyntheticTeam.id,
    name: p.handle,
    deleted: false,
    real_name: p.realName,
    is_bot: false,
    tz: 'Europe/Berlin',
    profile: { title: p.title, display_name: p.displayName, real_name: p.realName },
  }));
  const bots = Bots.map((b) => ({
    id: b.userId,
    team_id: SyntheticTeam.id,
    name: b.username.toLowerCase(),
    deleted: false,
    real_name: b.username,
    is_bot: true,
    tz: 'UTC',
    profile: { title: '', display_name: '', real_name: b.username, bot_id: b.botId },
  }));
  return [...people, ...bots];
}

function exportChannel(channel: (typeof Channels)[number]): ExportChannel {
  // Channels were created a few months before the history starts. @unit epoch seconds
  const created = Math.floor(TimelineStartMs / 1000) - 90 * 86_400;
  const creator = personByKey(channel.members[0]).id;
  return {
    id: channel.id,
    name: channel.name,
    created,
    creator,
    is_archived: false,
    is_general: channel.name === 'general',
    members: channel.members.map((key) => personByKey(key).id),
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator, last_set: created },
  };
}

import { MullError, ErrorCode } from '../core/errors.js';
import { Prng } from './prng.js';
import { Calendar, TimelineStartMs } from './synthetic-calendar.js';
import { Bots, Channels, People, SyntheticTeam, personByKey } from './synthetic-cast.js';
import { ChatterWriter } from './synthetic-chatter.js';
import { storedCount } from './synthetic-draft.js';
import { drawValues, plantedFacts } from './synthetic-facts.js';
import { recurringAsks } from './synthetic-recurring.js';
import { plantedStories } from './synthetic-stories.js';
import { buildTimeline } from './synthetic-timeline.js';
export const DefaultSyntheticOptions = { seed: 42, messages: 400 };
/** Below this the planted stories and their recurring questions alone would not fit. */
export const MinSyntheticMessages = 100;
export function generateWorkspace(options = {}) {
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
    const conversations = [
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
    const weights = Channels.map((channel) => [channel, channel.chatterWeight]);
    const chatter = [];
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
function joins() {
    return Channels.map((channel) => ({
        channel: channel.name,
        at: 0,
        threaded: false,
        messages: [{ from: channel.members[channel.members.length - 1], text: '', join: true }],
    }));
}
function exportUsers() {
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
function exportChannel(channel) {
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

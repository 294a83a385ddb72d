import { randomUUID } from 'node:crypto';
import { BenchTeamId } from '../workspace/synthetic.js';
/**
 * Event and command payloads shaped as Slack sends them (fields Mull does not read left out).
 * @see https://docs.slack.dev/apis/events-api/#callback-field
 */
export const BotUserId = 'UMULLBOT';
let counter = 0;
/** A fresh, unique Slack ts at the current time (newer than any synthetic history). */
export function freshTs() {
    counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(counter % 1_000_000).padStart(6, '0')}`;
}
export function freshEventId() {
    counter += 1;
    return `EvBENCH${counter}`;
}
export function said(channel, user, text, channelType = 'channel') {
    return { channel, user, text, ts: freshTs(), clientMsgId: randomUUID(), channelType };
}
export function callback(event, eventId = freshEventId()) {
    return {
        token: 'legacy-verification-token',
        team_id: BenchTeamId,
        api_app_id: 'AMULL',
        event: { team: BenchTeamId, event_ts: event.ts, ...event },
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ enterprise_id: null, team_id: BenchTeamId, user_id: BotUserId, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
    };
}
/** `app_mention`: what Mull answers in a channel. */
export function appMention(m) {
    return { type: 'app_mention', user: m.user, text: m.text, ts: m.ts, channel: m.channel, client_msg_id: m.clientMsgId };
}
/** The `message` event Slack also sends for the same message (message.channels / .groups / .im). */
export function messageEvent(m) {
    return { type: 'message', user: m.user, text: m.text, ts: m.ts, channel: m.channel, channel_type: m.channelType ?? 'channel', client_msg_id: m.clientMsgId };
}
export function slashCommand(command, text, channel, user, responseUrl) {
    return {
        token: 'legacy-verification-token',
        team_id: BenchTeamId,
        team_domain: 'acme',
        channel_id: channel,
        channel_name: channel,
        user_id: user,
        user_name: user,
        command,
        text,
        api_app_id: 'AMULL',
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: `${counter}.42.bench`,
    };
}

/**
 * Real-shaped Slack payloads (Events API envelopes, slash-command forms, block_actions), as Slack
 * sends them, trimmed of fields Mull never reads (blocks of user messages, event_context).
 * @see https://docs.slack.dev/apis/events-api/#callback-field
 */
export const TEAM = 'T0MULL';
export const BOT_USER = 'UMULLBOT';

let counter = 0;
/** A fresh Slack ts a little after "now", unique within the test run. */
export function ts(): string {
  counter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(100_000 + counter).padStart(6, '0')}`;
}

export function eventCallback(event: Record<string, unknown>, eventId = `Ev${++counter}`): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'AMULL',
    event: { team: TEAM, event_ts: event.ts ?? ts(), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export interface Said {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  client_msg_id?: string;
}

export function appMention(m: Said): Record<string, unknown> {
  return { type: 'app_mention', client_msg_id: m.client_msg_id ?? crypto.randomUUID(), ...m, ts: m.ts ?? ts() };
}

export function message(m: Said & { channel_type?: string }): Record<string, unknown> {
  return { type: 'message', client_msg_id: m.client_msg_id ?? crypto.randomUUID(), channel_type: 'channel', ...m, ts: m.ts ?? ts() };
}

export function messageChanged(m: { channel: string; user: string; ts: string; before: string; after: string }): Record<string, unknown> {
  const editTs = ts();
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: m.channel,
    channel_type: 'channel',
    ts: editTs,
    message: { type: 'message', user: m.user, text: m.after, ts: m.ts, edited: { user: m.user, ts: editTs } },
    previous_message: { type: 'message', user: m.user, text: m.before, ts: m.ts },
  };
}

export function messageDeleted(m: { channel: string; user: string; ts: string; text: string }): Record<string, unknown> {
  return {
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel: m.channel,
    channel_type: 'channel',
    ts: ts(),
    deleted_ts: m.ts,
    previous_message: { type: 'message', user: m.user, text: m.text, ts: m.ts },
  };
}

/** A message from another app: a modern bot user post (user + bot_id), not a bot_message subtype. */
export function otherBotMessage(m: { channel: string; text: string; ts?: string }): Record<string, unknown> {
  return {
    type: 'message',
    channel: m.channel,
    channel_type: 'channel',
    user: 'UOTHERBOT',
    bot_id: 'BOTHER',
    app_id: 'AOTHER',
    bot_profile: { id: 'BOTHER', name: 'other-bot', app_id: 'AOTHER' },
    text: m.text,
    ts: m.ts ?? ts(),
  };
}

export function slashCommand(f: { command: string; text: string; channel: string; user: string; responseUrl: string }): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'acme',
    channel_id: f.channel,
    channel_name: 'general',
    user_id: f.user,
    user_name: 'alice',
    command: f.command,
    text: f.text,
    api_app_id: 'AMULL',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: '1337.42.abcd',
  };
}

/** A click on one of the feedback_buttons under an answer; `value` is the channel key the vote counts in. */
export function feedbackClick(f: { vote: 'up' | 'down'; value: string; channel: string; messageTs: string; user: string; responseUrl: string }): Record<string, unknown> {
  const click = buttonClick({ ...f, value: `${f.vote} ${f.value}`, actionId: 'mull_feedback', blockId: 'mull_feedback' });
  const [action] = click.actions as Array<Record<string, unknown>>;
  // feedback_buttons actions carry no text of their own, only the clicked button's value.
  return { ...click, actions: [{ action_id: action!.action_id, block_id: action!.block_id, value: action!.value, type: 'feedback_buttons', action_ts: action!.action_ts }] };
}

/** A modal submitted (view_submission) with one plain-text input's value per block id. */
export function viewSubmission(f: { callbackId: string; user: string; privateMetadata: string; values: Record<string, string> }): Record<string, unknown> {
  const values = Object.fromEntries(Object.entries(f.values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }]));
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'acme' },
    user: { id: f.user, username: 'alice', name: 'alice', team_id: TEAM },
    api_app_id: 'AMULL',
    token: 'legacy-verification-token',
    trigger_id: '1337.42.ijkl',
    view: {
      id: 'VMODAL', team_id: TEAM, type: 'modal', callback_id: f.callbackId, private_metadata: f.privateMetadata,
      state: { values }, hash: '1', title: { type: 'plain_text', text: 'What was wrong?' }, blocks: [],
    },
  };
}

/** A block_actions payload for one button clicked in a message. */
export function buttonClick(f: {
  actionId: string; value: string; channel: string; messageTs: string; user: string; responseUrl: string; blockId?: string; label?: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: f.user, username: 'alice', name: 'alice', team_id: TEAM },
    api_app_id: 'AMULL',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: f.messageTs, channel_id: f.channel, is_ephemeral: false },
    trigger_id: '1337.42.efgh',
    team: { id: TEAM, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: f.channel, name: 'general' },
    message: { type: 'message', ts: f.messageTs, user: BOT_USER, bot_id: 'BMULL', text: 'answer' },
    response_url: f.responseUrl,
    actions: [
      {
        action_id: f.actionId,
        block_id: f.blockId ?? 'block',
        text: { type: 'plain_text', text: f.label ?? f.actionId, emoji: true },
        value: f.value,
        type: 'button',
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** member_joined_channel / member_left_channel for a user (Mull itself when `user` is BOT_USER). */
export function membership(f: { joined: boolean; channel: string; user: string }): Record<string, unknown> {
  return {
    type: f.joined ? 'member_joined_channel' : 'member_left_channel',
    user: f.user,
    channel: f.channel,
    channel_type: f.channel.startsWith('G') ? 'G' : 'C',
    team: TEAM,
    event_ts: ts(),
  };
}

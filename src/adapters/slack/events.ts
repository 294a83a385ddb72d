import type { App } from '@slack/bolt';
import { slackChannelKey } from './channels.js';
import { claimAnswer } from './dedupe.js';
import { isQuestionLike } from '../../context/text.js';
import { answerQuestion } from './reply.js';
import { wasTagged } from './tagged-threads.js';
import type { SlackContext } from './slack-context.js';
import { slackDirectory, toDeleteEvent, toEditEvent, toStoredMessage, type SlackMessageEvent } from './to-message.js';

/** Subtypes that are something a person said (the rest are notices, edits and deletions). */
const SAID = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/**
 * `message` events (message.channels, .groups, .im, .mpim): every message live into the engine,
 * edits and deletions as such, and DMs answered. Channel mentions are answered from `app_mention`
 * (mentions.ts); the `message` event of the same mention is only ingested.
 * @see https://docs.slack.dev/reference/events/message
 */
export function registerMessageEvents(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event }) => {
    const e = event as unknown as SlackMessageEvent;
    if (e.subtype === 'message_changed') return onEdit(ctx, e);
    if (e.subtype === 'message_deleted') return onDelete(ctx, e);
    if (e.subtype === 'bot_message' || SAID.has(e.subtype)) return onMessage(ctx, e);
  });
}

export function isOwnMessage(ctx: SlackContext, m: { user?: string; bot_id?: string }): boolean {
  return m.user === ctx.identity.botUserId || m.bot_id === ctx.identity.botId;
}

async function onMessage(ctx: SlackContext, e: SlackMessageEvent): Promise<void> {
  if (isOwnMessage(ctx, e)) return;
  await ctx.users.prime([e]);
  const fromBot = Boolean(e.bot_id || e.subtype === 'bot_message' || (e.user && ctx.users.isBot(e.user)));
  if (fromBot && ctx.options.ignoreBots) return;
  // A DM with Mull is a conversation with Mull, not channel history: it is answered, never stored
  // for passes (and so never summarised, nor offered to anyone else's answers).
  const ownDm = e.channel_type === 'im';
  const channel = await ctx.channels.resolve(e.channel);
  const message = ownDm ? undefined : toStoredMessage(e, slackDirectory(ctx.users, ctx.channels));
  if (message) {
    try {
      await ctx.engine.ingest({ type: 'message', channel, message });
    } catch (error) {
      // A failed write must not cost the asker an answer; the next backfill picks the message up.
      ctx.logger.error({ err: error, channel: channel.key }, 'slack ingest failed');
    }
  }
  // Other bots are never answered, whatever ignoreBots says: two bots must not talk in a loop.
  if (fromBot || !e.user || e.subtype === 'thread_broadcast') return;
  if (e.channel_type !== 'im') return followUp(ctx, e, e.user);
  const claim = { teamId: ctx.identity.teamId, channel: e.channel, ts: e.ts, clientMsgId: e.client_msg_id };
  if (!(await claimAnswer(ctx.store, claim, ctx.options.dedupeTtlMs))) return;
  const user = e.user;
  // Tracked, so a shutdown lets the answer go out instead of dropping a question already claimed.
  await ctx.tasks.run('answer', () =>
    answerQuestion(ctx, {
      channel: e.channel,
      ts: e.ts,
      threadTs: e.thread_ts,
      user,
      text: e.text ?? '',
      scope: () => ctx.access.scopeForDm(user, e.channel),
      nameChannels: true,
      private: true,
    }),
  );
}

async function onEdit(ctx: SlackContext, e: SlackMessageEvent): Promise<void> {
  const current = e.message;
  if (!current || isOwnMessage(ctx, current)) return;
  await ctx.users.prime([current]);
  if ((current.bot_id || (current.user && ctx.users.isBot(current.user))) && ctx.options.ignoreBots) return;
  const edit = toEditEvent(slackChannelKey(ctx.identity.teamId, e.channel), e, slackDirectory(ctx.users, ctx.channels));
  if (edit) await ctx.engine.ingest(edit);
}

async function onDelete(ctx: SlackContext, e: SlackMessageEvent): Promise<void> {
  // Always passed on, bots' messages included: deleting an unknown message is harmless, keeping a deleted one is not.
  const deletion = toDeleteEvent(slackChannelKey(ctx.identity.teamId, e.channel), e);
  if (deletion) await ctx.engine.ingest(deletion);
}

/**
 * A question in a thread where Mull answered a mention, in a channel whose settings let it answer
 * follow-ups without a new mention. A message that mentions Mull is answered from app_mention
 * instead (the answer claim keeps it to one answer either way).
 */
async function followUp(ctx: SlackContext, e: SlackMessageEvent, user: string): Promise<void> {
  if (!e.thread_ts || e.thread_ts === e.ts || (e.text ?? '').includes(`<@${ctx.identity.botUserId}>`)) return;
  if (!isQuestionLike(e.text ?? '')) return;
  const key = slackChannelKey(ctx.identity.teamId, e.channel);
  if (!(await ctx.engine.channelSettings(key)).threadFollowUps || !(await wasTagged(ctx, e.channel, e.thread_ts))) return;
  const claim = { teamId: ctx.identity.teamId, channel: e.channel, ts: e.ts, clientMsgId: e.client_msg_id };
  if (!(await claimAnswer(ctx.store, claim, ctx.options.dedupeTtlMs))) return;
  await ctx.tasks.run('answer', () =>
    answerQuestion(ctx, { channel: e.channel, ts: e.ts, threadTs: e.thread_ts, user, text: e.text ?? '', scope: [key], nameChannels: false, private: false }),
  );
}

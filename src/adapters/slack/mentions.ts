import type { App } from '@slack/bolt';
import { slackChannelKey } from './channels.js';
import { claimAnswer } from './dedupe.js';
import { isOwnMessage } from './events.js';
import { answerQuestion } from './reply.js';
import type { SlackContext } from './slack-context.js';
import type { SlackMessageEvent } from './to-message.js';

/**
 * `@Mull …` in a channel, private channel or group DM: answered in the thread (the mention's thread,
 * or a new one under the mention) from that conversation only. The `message` event Slack also sends
 * for the same mention loses the race for the answer claim (dedupe.ts) and is only ingested.
 * @see https://docs.slack.dev/reference/events/app_mention
 */
export function registerMentions(app: App, ctx: SlackContext): void {
  app.event('app_mention', async ({ event }) => {
    const e = event as unknown as SlackMessageEvent;
    // Never answer a bot, Mull included: that is how two bots end up talking in a loop.
    if (!e.user || e.bot_id || isOwnMessage(ctx, e)) return;
    const claim = { teamId: ctx.identity.teamId, channel: e.channel, ts: e.ts, clientMsgId: e.client_msg_id };
    if (!(await claimAnswer(ctx.store, claim, ctx.options.dedupeTtlMs))) return;
    const inDm = e.channel.startsWith('D');
    const user = e.user;
    // Tracked, so a shutdown lets the answer go out instead of dropping a question already claimed.
    await ctx.tasks.run('answer', () =>
      answerQuestion(ctx, {
        channel: e.channel,
        ts: e.ts,
        threadTs: e.thread_ts ?? (inDm ? undefined : e.ts),
        user,
        text: e.text ?? '',
        scope: inDm ? () => ctx.access.scopeForDm(user, e.channel) : [slackChannelKey(ctx.identity.teamId, e.channel)],
        nameChannels: inDm,
        private: inDm,
        tags: !inDm,
      }),
    );
  });
}

import type { App } from '@slack/bolt';
import { slackChannelKey } from './channels.js';
import type { SlackContext } from './slack-context.js';

/**
 * member_joined_channel / member_left_channel keep access data current: the person's cached channel
 * list (DM scoping) is dropped at once, and a known member list is updated. When Mull itself is
 * added to a conversation, that conversation is backfilled and any purge called off; when it is
 * removed, the engine stops passes there and purges its data after the grace period.
 * @see https://docs.slack.dev/reference/events/member_joined_channel
 */
export function registerMembership(app: App, ctx: SlackContext, backfill: (channelId: string) => void): void {
  app.event('member_joined_channel', async ({ event }) => {
    if (event.user === ctx.identity.botUserId) {
      ctx.logger.info({ channel: event.channel }, 'slack joined a conversation');
      // Back within the grace period: the purge is called off and nothing is lost.
      await ctx.engine.channelRestored(slackChannelKey(ctx.identity.teamId, event.channel));
      backfill(event.channel);
      return;
    }
    ctx.access.forget(event.user);
    await ctx.channels.noteMembership(event.channel, event.user, true);
  });
  app.event('member_left_channel', async ({ event }) => {
    if (event.user === ctx.identity.botUserId) {
      ctx.logger.info({ channel: event.channel }, 'slack left a conversation');
      await ctx.engine.channelRemoved(slackChannelKey(ctx.identity.teamId, event.channel));
      return;
    }
    ctx.access.forget(event.user);
    await ctx.channels.noteMembership(event.channel, event.user, false);
  });
  // Sent to Mull itself when it is removed (or leaves); the same as member_left_channel above, which
  // some workspaces do not send for the remover's own kicks. Marking a channel removed twice keeps the first time.
  // @see https://docs.slack.dev/reference/events/channel_left
  for (const name of ['channel_left', 'group_left'] as const) {
    app.event(name, async ({ event }) => {
      ctx.logger.info({ channel: event.channel }, 'slack removed from a conversation');
      await ctx.engine.channelRemoved(slackChannelKey(ctx.identity.teamId, event.channel));
    });
  }
}

import type { SlackContext } from './slack-context.js';

/**
 * Who may change Mull's settings in a channel, forget it, or pause it: workspace admins and
 * owners (`users.info`: is_admin / is_owner), and the channel's creator (`conversations.info`:
 * creator). Slack gives a bot token no way to read a channel's managers list (that lives behind
 * the admin API), so the creator stands in for them. Any failed lookup refuses: unknown is "no".
 * @see https://docs.slack.dev/reference/methods/users.info
 * @see https://docs.slack.dev/reference/methods/conversations.info
 */
export async function mayManageChannel(ctx: SlackContext, user: string, channelId: string): Promise<boolean> {
  try {
    const { user: info } = await ctx.client.users.info({ user });
    if (info?.is_admin || info?.is_owner || info?.is_primary_owner) return true;
    const { channel } = await ctx.client.conversations.info({ channel: channelId });
    return Boolean(channel?.creator && channel.creator === user);
  } catch (error) {
    ctx.logger.warn({ err: error, channel: channelId }, 'slack permission lookup failed; refusing');
    return false;
  }
}

export const NOT_ALLOWED =
  'Only this channel’s creator and workspace admins or owners can change how Mull works here.';

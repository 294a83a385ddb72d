/**
 * member_joined_channel / member_left_channel keep access data current: the person's cached channel
 * list (DM scoping) is dropped at once, and a known member list is updated. When Mull itself is
 * added to a conversation, that conversation is backfilled.
 * @see https://docs.slack.dev/reference/events/member_joined_channel
 */
export function registerMembership(app, ctx, backfill) {
    app.event('member_joined_channel', async ({ event }) => {
        if (event.user === ctx.identity.botUserId) {
            ctx.logger.info({ channel: event.channel }, 'slack joined a conversation');
            backfill(event.channel);
            return;
        }
        ctx.access.forget(event.user);
        await ctx.channels.noteMembership(event.channel, event.user, true);
    });
    app.event('member_left_channel', async ({ event }) => {
        if (event.user === ctx.identity.botUserId) {
            ctx.logger.info({ channel: event.channel }, 'slack left a conversation');
            return;
        }
        ctx.access.forget(event.user);
        await ctx.channels.noteMembership(event.channel, event.user, false);
    });
}

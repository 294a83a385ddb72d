const ACTION = /^mull_feedback_(up|down)$/;
/** One vote per person per answer is counted; a second click only gets the thank-you again. */
const VOTE_TTL_MS = 30 * 86_400_000;
/**
 * 👍/👎 under an answer, as an ordinary actions block: it works in every workspace and client,
 * where the `feedback_buttons` element needs the `context_actions` block of Slack's AI surfaces.
 * The value is the channel the answer was asked in, where the vote is counted.
 */
export function feedbackBlock(channel) {
    const button = (vote, emoji, label) => ({
        type: 'button',
        action_id: `mull_feedback_${vote}`,
        text: { type: 'plain_text', text: emoji, emoji: true },
        value: channel,
        accessibility_label: label,
    });
    return {
        type: 'actions',
        block_id: 'mull_feedback',
        elements: [button('up', '👍', 'Helpful'), button('down', '👎', 'Not helpful')],
    };
}
export function registerFeedback(app, ctx) {
    app.action(ACTION, async ({ ack, action, body, respond }) => {
        await ack();
        const vote = ACTION.exec(action.action_id)?.[1];
        const channel = action.value;
        // Only this workspace's channels: the value comes back from the client and is not trusted further.
        if (!channel?.startsWith(`slack:${ctx.identity.teamId}:`))
            return;
        const messageTs = body.message?.ts ?? 'unknown';
        const first = await ctx.store.setIfAbsent(`slack:feedback:${channel}:${messageTs}:${body.user.id}`, vote, VOTE_TTL_MS);
        if (first) {
            await ctx.engine.recordFeedback(channel, vote);
            ctx.logger.info({ channel, vote }, 'slack feedback recorded');
        }
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'Thanks, noted.' });
    });
}

/**
 * Duplicate replies are the most reported bug of Slack LLM bots. Three sources, three keys, all in
 * the shared store (so they hold across restarts and across instances sharing Redis or Postgres):
 *
 * - Slack redelivers an event it thinks was not acked (`X-Slack-Retry-Num`, Socket Mode
 *   `retry_attempt`); every delivery carries the same `event_id`.
 * - A mention arrives twice, as `app_mention` and as `message`, with different event ids but the
 *   same channel and `ts` (and the same `client_msg_id`).
 * - A client may resend a message it thinks failed; `client_msg_id` stays the same.
 *
 * First writer wins (`setIfAbsent`): an answer is given at most once, even if the instance that
 * claimed it dies before replying. Slack retries within minutes, so the TTL only bounds storage.
 */
export function dedupeEvents(store, ttlMs, logger) {
    return async ({ body, context, next }) => {
        const eventId = body.event_id;
        if (typeof eventId === 'string') {
            const first = await store.setIfAbsent(`slack:event:${eventId}`, '1', ttlMs);
            if (!first) {
                logger.debug({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack duplicate event dropped');
                return;
            }
        }
        await next();
    };
}
/**
 * Claims the right to answer one message. True for exactly one caller per message, whichever of
 * `app_mention` / `message` gets here first; every other caller must stay silent.
 */
export async function claimAnswer(store, claim, ttlMs) {
    const byTs = await store.setIfAbsent(`slack:answer:${claim.teamId}:${claim.channel}:${claim.ts}`, '1', ttlMs);
    if (!byTs)
        return false;
    if (!claim.clientMsgId)
        return true;
    return store.setIfAbsent(`slack:answer-msg:${claim.teamId}:${claim.clientMsgId}`, '1', ttlMs);
}

/**
 * Message permalinks built from the workspace URL that `auth.test` returned at start-up:
 * `https://<domain>.slack.com/archives/<channel>/p<ts without the dot>`, plus `thread_ts` and `cid`
 * for a reply so the link opens the thread. This is the format `chat.getPermalink` returns; building
 * it saves one Tier-4 call per citation on every answer (an answer with five sources would otherwise
 * wait for five round trips, and each is a chance to hit a rate limit).
 * @see https://docs.slack.dev/reference/methods/chat.getPermalink
 */
export function buildPermalink(workspaceUrl, channelId, ts, threadTs) {
    const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
    const link = `${base}archives/${channelId}/p${compactTs(ts)}`;
    if (!threadTs || threadTs === ts)
        return link;
    return `${link}?thread_ts=${threadTs}&cid=${channelId}`;
}
/** "1700000000.000100" -> "1700000000000100" (seconds then exactly six digits of microseconds). */
function compactTs(ts) {
    const [seconds, micros = ''] = ts.split('.');
    return `${seconds}${micros.padEnd(6, '0').slice(0, 6)}`;
}

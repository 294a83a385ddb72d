/** Defaults as data, in one place. */
export const SlackDefaults = {
    apiUrl: 'https://slack.com/api/',
    port: 3000,
    eventsPath: '/slack/events',
    processBeforeResponse: false,
    ignoreBots: true,
    backfill: true,
    backfillPageSize: 200,
    backfillMaxMessages: 10_000,
    dmAccessCacheMs: 60_000,
    dedupeTtlMs: 86_400_000,
    apiRetries: 3,
    maxMessageChars: 2_900,
    maxCitations: 5,
    workingReaction: 'eyes',
    streamUpdateMs: 1_500,
};
export function resolveSlackOptions(options) {
    const merged = { ...SlackDefaults, ...withoutUndefined(options) };
    // The WebClient joins method names onto the base URL, so it must end in a slash.
    if (!merged.apiUrl.endsWith('/'))
        merged.apiUrl = `${merged.apiUrl}/`;
    return merged;
}
function withoutUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

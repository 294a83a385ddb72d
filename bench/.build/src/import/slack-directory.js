/**
 * Who is who in an export: users.json gives names and bot flags, the channel lists give channel
 * names for `<#C1>` links that carry none.
 */
export function buildSlackDirectory(users, channels) {
    const names = new Map();
    const handles = new Map();
    const bots = new Set();
    for (const user of users) {
        const name = slackUserName(user);
        if (name)
            names.set(user.id, name);
        if (user.name)
            handles.set(user.id, user.name);
        if (user.is_bot)
            bots.add(user.id);
    }
    const channelNames = new Map();
    for (const channel of channels) {
        if ('name' in channel && channel.name)
            channelNames.set(channel.id, channel.name);
    }
    return {
        user: (id) => names.get(id),
        channel: (id) => channelNames.get(id),
        isBot: (id) => bots.has(id),
        handle: (id) => handles.get(id),
    };
}
/** The name people see: display name, then full name, then the handle. */
export function slackUserName(user) {
    const candidates = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name];
    return candidates.find((name) => Boolean(name && name.trim()));
}
/**
 * The team id: the one most users in users.json carry. Exports of a single workspace have one;
 * shared-channel guests bring their own, so the majority is the workspace's.
 */
export function majorityTeamId(users) {
    const counts = new Map();
    for (const user of users) {
        if (user.team_id)
            counts.set(user.team_id, (counts.get(user.team_id) ?? 0) + 1);
    }
    let best;
    let bestCount = 0;
    for (const [team, count] of counts) {
        if (count > bestCount || (count === bestCount && best !== undefined && team < best)) {
            best = team;
            bestCount = count;
        }
    }
    return best;
}

export const PLATFORMS = ['slack', 'discord', 'console'];
export function channelKey(ref) {
    return `${ref.platform}:${ref.workspace}:${ref.channel}`;
}
export function parseChannelKey(key) {
    const [platform, workspace, ...rest] = key.split(':');
    const channel = rest.join(':');
    if (!PLATFORMS.includes(platform) || !workspace || !channel) {
        throw new TypeError(`not a channel key: ${key}`);
    }
    return { platform: platform, workspace, channel };
}
export function messageKey(channel, messageId) {
    return `${channel}/${messageId}`;
}
export function parseMessageKey(key) {
    const slash = key.lastIndexOf('/');
    if (slash <= 0)
        throw new TypeError(`not a message key: ${key}`);
    return { channel: key.slice(0, slash), messageId: key.slice(slash + 1) };
}

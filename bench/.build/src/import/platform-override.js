import { channelKey } from '../core/ids.js';
export function overrideChannel(channel, override) {
    if (!override)
        return channel;
    return {
        ...channel,
        key: channelKey({ platform: override.platform, workspace: override.workspace, channel: channel.name }),
        platform: override.platform,
        workspace: override.workspace,
        id: channel.name,
    };
}
export function overrideWorkspace(workspace, override) {
    if (!override)
        return workspace;
    return { platform: override.platform, id: override.workspace, name: workspace.name };
}

import { channelKey, type Platform } from '../core/ids.js';
import type { Channel, Workspace } from '../core/types.js';

/**
 * Files imported history under another platform and workspace, with channels keyed by name: the
 * console loads the example workspace as `console:local:<channel name>` this way.
 */
export interface PlatformOverride {
  platform: Platform;
  workspace: string;
}

export function overrideChannel(channel: Channel, override: PlatformOverride | undefined): Channel {
  if (!override) return channel;
  return {
    ...channel,
    key: channelKey({ platform: override.platform, workspace: override.workspace, channel: channel.name }),
    platform: override.platform,
    workspace: override.workspace,
    id: channel.name,
  };
}

export function overrideWorkspace(workspace: Workspace, override: PlatformOverride | undefined): Workspace {
  if (!override) return workspace;
  return { platform: override.platform, id: override.workspace, name: workspace.name };
}

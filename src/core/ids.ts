/**
 * Ids that carry their platform, as in the Chat SDK: a channel is `slack:T123:C456`,
 * `discord:G1:C2` or `console:local:general`; a message is its platform id within its channel.
 * The core never parses the platform part for behaviour: it is only part of the identity.
 */
export type Platform = 'slack' | 'discord' | 'console';

export const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'console'];

/** `platform:workspace:channel`. Workspace is a Slack team id, a Discord guild id (or `@dm`), or `local`. */
export type ChannelKey = string;


export interface ChannelRef {
  platform: Platform;
  workspace: string;
  channel: string;
}

export function channelKey(ref: ChannelRef): ChannelKey {
  return `${ref.platform}:${ref.workspace}:${ref.channel}`;
}

export function parseChannelKey(key: ChannelKey): ChannelRef {
  const [platform, workspace, ...rest] = key.split(':');
  const channel = rest.join(':');
  if (!PLATFORMS.includes(platform as Platform) || !workspace || !channel) {
    throw new TypeError(`not a channel key: ${key}`);
  }
  return { platform: platform as Platform, workspace, channel };
}

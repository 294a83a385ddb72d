/**
 * Ids that carry their platform, as in the Chat SDK: a channel is `slack:T123:C456`,
 * `discord:G1:C2` or `console:local:general`; a message is `<channel key>/<message id>`.
 * The core never parses the platform part for behaviour: it is only part of the identity.
 */
export type Platform = 'slack' | 'discord' | 'console';

export const PLATFORMS: readonly Platform[] = ['slack', 'discord', 'console'];

/** `platform:workspace:channel`. Workspace is a Slack team id, a Discord guild id (or `@dm`), or `local`. */
export type ChannelKey = string;

/** `platform:workspace:channel/messageId`: enough to find a message and to build its link. */
export type MessageKey = string;

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

export function messageKey(channel: ChannelKey, messageId: string): MessageKey {
  return `${channel}/${messageId}`;
}

export function parseMessageKey(key: MessageKey): { channel: ChannelKey; messageId: string } {
  const slash = key.lastIndexOf('/');
  if (slash <= 0) throw new TypeError(`not a message key: ${key}`);
  return { channel: key.slice(0, slash), messageId: key.slice(slash + 1) };
}

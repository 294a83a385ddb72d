import type { SlackDirectory } from './slack-message.js';
import type { SlackChannel, SlackDm, SlackMessage, SlackUser } from './slack-schema.js';

/** The directory an export import builds: names, handles, and bot names learned from messages. */
export type ExportDirectory = SlackDirectory & {
  handle(userId: string): string | undefined;
  /** Bot id → name; filled from users.json and, by `learnBotNames`, from the messages. */
  readonly bots: Map<string, string>;
};

/**
 * Who is who in an export: users.json gives names and bot flags, the channel lists give channel
 * names for `<#C1>` links that carry none.
 */
export function buildSlackDirectory(
  users: readonly SlackUser[],
  channels: readonly (SlackChannel | SlackDm)[],
): ExportDirectory {
  const names = new Map<string, string>();
  const handles = new Map<string, string>();
  const bots = new Set<string>();
  const botNames = new Map<string, string>();
  for (const user of users) {
    const name = slackUserName(user);
    if (name) names.set(user.id, name);
    if (user.name) handles.set(user.id, user.name);
    if (user.is_bot) bots.add(user.id);
    if (user.profile?.bot_id && name) botNames.set(user.profile.bot_id, name);
  }
  const channelNames = new Map<string, string>();
  for (const channel of channels) {
    if ('name' in channel && channel.name) channelNames.set(channel.id, channel.name);
  }
  return {
    user: (id) => names.get(id),
    channel: (id) => channelNames.get(id),
    isBot: (id) => bots.has(id),
    handle: (id) => handles.get(id),
    bot: (id) => botNames.get(id),
    bots: botNames,
  };
}

const BOT_LINK = /\/services\/(B[A-Z0-9]+)\|([^>]+)>/;

/**
 * Legacy integrations post with a bare bot id; the export names them elsewhere: in the
 * `bot_add` notice ("added an integration to this channel: <…/services/B1|github>"), or in
 * another post by the same bot that carries `username` or `bot_profile`. Read from every day
 * file before any message is mapped, since the naming message may come later or in another channel.
 */
export function learnBotNames(messages: readonly SlackMessage[], directory: ExportDirectory): void {
  for (const message of messages) {
    const link = BOT_LINK.exec(message.bot_link ?? (message.subtype === 'bot_add' ? (message.text ?? '') : ''));
    if (link && !directory.bots.has(link[1]!)) directory.bots.set(link[1]!, link[2]!.trim());
    const named = message.bot_profile?.name?.trim() || message.username?.trim();
    if (message.bot_id && named && !directory.bots.has(message.bot_id)) directory.bots.set(message.bot_id, named);
  }
}


/** The name people see: display name, then full name, then the handle. */
export function slackUserName(user: SlackUser): string | undefined {
  const candidates = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name];
  return candidates.find((name): name is string => Boolean(name && name.trim()));
}

/**
 * The team id: the one most users in users.json carry. Exports of a single workspace have one;
 * shared-channel guests bring their own, so the majority is the workspace's.
 */
export function majorityTeamId(users: readonly SlackUser[]): string | undefined {
  const counts = new Map<string, number>();
  for (const user of users) {
    if (user.team_id) counts.set(user.team_id, (counts.get(user.team_id) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [team, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && team < best)) {
      best = team;
      bestCount = count;
    }
  }
  return best;
}

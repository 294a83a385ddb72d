import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * Exactly the permissions Mull needs in a guild, and why. Nothing else: no Embed Links (citations
 * are wrapped in `<>` to suppress previews), no Manage Messages, no Administrator.
 */
export const InvitePermissions = {
  /** See channels, and so receive their messages. */
  ViewChannel: PermissionFlagsBits.ViewChannel,
  /** Post answers (and show the typing indicator). */
  SendMessages: PermissionFlagsBits.SendMessages,
  /** Answer mentions made inside threads. */
  SendMessagesInThreads: PermissionFlagsBits.SendMessagesInThreads,
  /** Backfill history, and reply to a message (a reply needs it). */
  ReadMessageHistory: PermissionFlagsBits.ReadMessageHistory,
} as const;

/** The permission integer of the invite URL. */
export const INVITE_PERMISSIONS: bigint = Object.values(InvitePermissions).reduce((all, bit) => all | bit, 0n);

/**
 * The URL that adds the bot to a guild with its slash commands and exactly those permissions.
 * @see https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow
 */
export function discordInviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: INVITE_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

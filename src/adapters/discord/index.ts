/**
 * The Discord adapter: gateway events in, engine calls, answers out. Only this folder imports
 * discord.js.
 */
export { startDiscord, type DiscordHandle } from './start-discord.js';
export { registerDiscordCommands, loadCommandManifest, type CommandTarget, type RegisteredCommands } from './register-commands.js';
export { DefaultDiscordOptions, type DiscordOptions } from './options.js';
export type { DiscordDeps, DiscordStore } from './context.js';
export { DiscordGatewayError, describeCloseCode } from './gateway-error.js';
export { discordInviteUrl, INVITE_PERMISSIONS } from './invite.js';
export { splitMessage, DISCORD_MESSAGE_LIMIT } from './split-message.js';

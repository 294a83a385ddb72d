import { GatewayIntentBits, Partials } from 'discord.js';

/**
 * The gateway intents Mull asks for, and why. GuildMembers is deliberately absent: the DM access
 * check fetches the one member it needs over REST at the time of asking (GET
 * /guilds/:id/members/:user works without the intent), which is also fresher than a member cache
 * kept up to date by GUILD_MEMBER_UPDATE events.
 */
export const DiscordIntents = [
  // Guilds, channels, roles and permission overwrites (GUILD_CREATE, CHANNEL_*, GUILD_ROLE_*,
  // THREAD_*): what `permissionsFor` needs, and what backfill iterates over.
  GatewayIntentBits.Guilds,
  // MESSAGE_CREATE / UPDATE / DELETE in guild channels and threads: live ingest and mentions.
  GatewayIntentBits.GuildMessages,
  // Privileged (1 << 15): without it `content` is empty except in DMs and messages that mention
  // the bot. Not enabled in the Developer Portal → the gateway closes with 4014.
  GatewayIntentBits.MessageContent,
  // DMs to the bot.
  GatewayIntentBits.DirectMessages,
] as const;

/**
 * Partials: Channel, because bots get no CHANNEL_CREATE for DMs (gateway v8+), so a DM's channel is
 * never cached before its first message and discord.js would drop the MESSAGE_CREATE. Edits and
 * deletions are read from the raw dispatches instead (see live-ingest.ts), so no Message partial.
 */
export const DiscordPartials = [Partials.Channel] as const;

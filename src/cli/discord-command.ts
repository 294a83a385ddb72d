import type { MullConfig } from '../config.js';
import { ConfigError } from '../core/errors.js';

/** `mull discord register [--global]`. */
export async function discordRegisterCommand(config: MullConfig, options: { global?: boolean }, out: NodeJS.WritableStream): Promise<void> {
  if (!config.discord) throw new ConfigError('DISCORD_TOKEN', 'is required to register commands');
  if (!config.discord.applicationId) throw new ConfigError('DISCORD_APPLICATION_ID', 'is required to register commands');
  if (!options.global && !config.discord.guildId) {
    throw new ConfigError('DISCORD_GUILD_ID', 'is required for guild registration (or pass --global)');
  }
  const target = options.global ? { global: true as const } : { guildId: config.discord.guildId! };
  const { registerDiscordCommands } = await import('../adapters/discord/index.js');
  const result = await registerDiscordCommands(
    { token: config.discord.token, applicationId: config.discord.applicationId, apiUrl: config.discord.apiUrl },
    target,
  );
  out.write(`Registered ${result.names.map((name) => `/${name}`).join(', ')} ${options.global ? 'globally' : `to guild ${config.discord.guildId}`}.\n`);
}

import { readFile } from 'node:fs/promises';
import { DiscordAPIError, REST, Routes, type RESTPutAPIApplicationCommandsJSONBody } from 'discord.js';
import { ErrorCode, MullError } from '../../core/errors.js';
import { resolveDiscordOptions, type DiscordOptions } from './options.js';

/** Where to register: everywhere the app is installed (and DMs), or one guild (instant, for development). */
export type CommandTarget = { global: true } | { guildId: string };

export interface RegisteredCommands {
  /** The REST route the definitions were PUT to. */
  route: string;
  /** Names of the commands Discord now has for that target. */
  names: string[];
}

/** Reads the command definitions (manifests/discord-commands.json). */
export async function loadCommandManifest(location: string | URL): Promise<RESTPutAPIApplicationCommandsJSONBody> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(location, 'utf8'));
  } catch (error) {
    throw new MullError(ErrorCode.Config, `cannot read the Discord command manifest ${String(location)}`, { cause: error });
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.every((c: unknown) => typeof c === 'object' && c !== null && 'name' in c && 'description' in c);
  if (!valid) throw new MullError(ErrorCode.Config, `${String(location)} is not a list of command definitions`);
  return parsed as RESTPutAPIApplicationCommandsJSONBody;
}

/**
 * Replaces the application's slash commands with the manifest's (one bulk PUT, so removed
 * commands disappear too). Global commands can take a while to appear in clients; guild ones
 * appear at once.
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export async function registerDiscordCommands(options: DiscordOptions, target: CommandTarget): Promise<RegisteredCommands> {
  const resolved = resolveDiscordOptions(options);
  const applicationId = resolved.applicationId;
  if (!applicationId) throw new MullError(ErrorCode.Config, 'the application id is required to register commands');
  const body = await loadCommandManifest(resolved.commandsManifest);
  const rest = new REST({ api: resolved.apiUrl, retries: resolved.restRetries, timeout: resolved.restTimeoutMs });
  rest.setToken(resolved.token);
  const route =
    'guildId' in target
      ? Routes.applicationGuildCommands(applicationId, target.guildId)
      : Routes.applicationCommands(applicationId);
  try {
    const result = (await rest.put(route, { body })) as { name: string }[];
    return { route, names: result.map((command) => command.name) };
  } catch (error) {
    const hint =
      error instanceof DiscordAPIError && error.status === 403
        ? ' (is the bot in that guild, invited with the applications.commands scope?)'
        : error instanceof DiscordAPIError && error.status === 401
          ? ' (the bot token was refused)'
          : '';
    const message = error instanceof Error ? error.message : String(error);
    throw new MullError(ErrorCode.Adapter, `registering Discord commands failed: ${message}${hint}`, { cause: error });
  }
}

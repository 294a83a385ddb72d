import type { Interaction } from 'discord.js';
import type { DiscordContext } from './context.js';
import { firstDelivery } from './dedup.js';
import { runMull } from './mull-command.js';
import { runRethink } from './rethink-command.js';

/** Routes slash commands (defined in manifests/discord-commands.json) to their handlers. */
export async function onInteraction(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand()) return;
  if (!(await firstDelivery(ctx, 'interaction', interaction.id))) return;
  ctx.logger.info({ command: interaction.commandName, interaction: interaction.id }, 'discord: command');
  switch (interaction.commandName) {
    case 'rethink':
      return runRethink(ctx, interaction);
    case 'mull':
      return runMull(ctx, interaction);
    default:
      ctx.logger.warn({ command: interaction.commandName }, 'discord: unknown command; re-run `mull discord register`');
  }
}

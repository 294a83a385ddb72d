import { DiscordAPIError, RESTJSONErrorCodes, type Interaction } from 'discord.js';
import type { DiscordContext } from './context.js';
import { onForgetButton } from './channel-control.js';
import { onFeedbackButton, onFeedbackReason } from './feedback.js';
import { runMull } from './mull-command.js';
import { runRethink } from './rethink-command.js';

/**
 * Routes slash commands (defined in manifests/discord-commands.json) to their handlers. Discord
 * waits 3 seconds for the first response, so nothing before a handler's reply or deferReply
 * touches the store: de-duplication is in memory, and Discord refuses a second acknowledgement.
 */
export async function onInteraction(ctx: DiscordContext, interaction: Interaction, backfill: (guildId: string) => void = () => {}): Promise<void> {
  if (interaction.isButton()) {
    if (!ctx.interactions.first(interaction.id)) return;
    if (!(await onForgetButton(ctx, interaction, backfill))) await onFeedbackButton(ctx, interaction);
    return;
  }
  if (interaction.isModalSubmit()) {
    if (ctx.interactions.first(interaction.id)) await onFeedbackReason(ctx, interaction);
    return;
  }
  if (!interaction.isChatInputCommand()) return;
  if (!ctx.interactions.first(interaction.id)) return;
  ctx.logger.info({ command: interaction.commandName, interaction: interaction.id }, 'discord: command');
  try {
    switch (interaction.commandName) {
      case 'rethink':
        return await runRethink(ctx, interaction);
      case 'mull':
        return await runMull(ctx, interaction);
      default:
        ctx.logger.warn({ command: interaction.commandName }, 'discord: unknown command; re-run `mull discord register`');
    }
  } catch (error) {
    // Another process (sharing the token) or an earlier life of this one answered it first, or
    // it expired before it reached us.
    if (error instanceof DiscordAPIError && ALREADY_TAKEN.has(Number(error.code))) {
      ctx.logger.info({ interaction: interaction.id, code: error.code }, 'discord: command already answered elsewhere, or expired');
      return;
    }
    throw error;
  }
}

const ALREADY_TAKEN = new Set<number>([RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, RESTJSONErrorCodes.UnknownInteraction]);

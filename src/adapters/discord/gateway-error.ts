import { GatewayCloseCodes } from 'discord.js';
import { ErrorCode, MullError } from '../../core/errors.js';

/**
 * Gateway close codes after which reconnecting cannot help; discord.js stops on these too.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

/** What to do about a close code, in words a person setting up the bot can act on. */
export function describeCloseCode(code: number): string {
  switch (code) {
    case GatewayCloseCodes.DisallowedIntents:
      return (
        'Discord closed the gateway with 4014 (disallowed intents): the Message Content intent is not enabled. ' +
        'Turn on "Message Content Intent" in the Discord Developer Portal → your application → Bot → ' +
        'Privileged Gateway Intents, save, and start Mull again.'
      );
    case GatewayCloseCodes.AuthenticationFailed:
      return 'Discord closed the gateway with 4004 (authentication failed): the bot token is wrong or was reset. Copy a new one from Developer Portal → Bot → Reset Token.';
    case GatewayCloseCodes.InvalidIntents:
      return 'Discord closed the gateway with 4013 (invalid intents): the intents Mull asked for are not valid.';
    default:
      return `Discord closed the gateway with ${code} (${GatewayCloseCodes[code] ?? 'unknown'}); it will not reconnect.`;
  }
}

/** The gateway refused Mull for good. `closeCode` says why; the message says what to do. */
export class DiscordGatewayError extends MullError {
  readonly closeCode: number;
  constructor(closeCode: number, options?: { cause?: unknown }) {
    super(ErrorCode.Adapter, describeCloseCode(closeCode), options);
    this.name = 'DiscordGatewayError';
    this.closeCode = closeCode;
  }
}

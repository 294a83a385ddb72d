import type { Logger } from '../../core/logger.js';
import { loggableError } from './loggable-error.js';

/**
 * Shows "Mull is typing…" until the returned function is called. One call lasts about 10 seconds
 * on Discord's side (or until the bot posts), so it is renewed every `intervalMs`.
 * @see https://discord.com/developers/docs/resources/channel#trigger-typing-indicator
 */
export function keepTyping(channel: { sendTyping(): Promise<unknown> }, intervalMs: number, logger: Logger): () => void {
  const send = () => {
    channel.sendTyping().catch((error: unknown) => logger.debug({ err: loggableError(error) }, 'discord: typing indicator failed'));
  };
  send();
  const timer = setInterval(send, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

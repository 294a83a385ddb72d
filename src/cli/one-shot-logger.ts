import type { MullConfig } from '../config.js';
import { createLogger, type Logger } from '../core/logger.js';

/**
 * One-shot commands (`channels`, `ask`, `rethink`, `stats`) print their result on stdout; the
 * engine's info lines (the scheduler starting, passes) are noise there, so they log warnings and
 * errors only unless LOG_LEVEL asks for more than info.
 */
export function oneShotLogger(config: MullConfig): Logger {
  return createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
}

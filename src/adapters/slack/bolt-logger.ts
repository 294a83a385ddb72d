import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/**
 * Bolt, the Web API client and the Socket Mode client each take a `@slack/logger` Logger; this one
 * forwards to our pino logger so there is one log stream. Bolt logs request bodies only at debug
 * (and only in developerMode, which Mull never enables), so message text stays out of info logs.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  const join = (msg: unknown[]): string => msg.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');
  return {
    debug: (...msg: unknown[]) => logger.debug(join(msg)),
    info: (...msg: unknown[]) => logger.info(join(msg)),
    warn: (...msg: unknown[]) => logger.warn(join(msg)),
    error: (...msg: unknown[]) => logger.error(join(msg)),
    // Levels are ours to set (LOG_LEVEL); Bolt calling setLevel must not override them.
    setLevel: () => {},
    getLevel: () => toBoltLevel(logger.level),
    setName: () => {},
  };
}

function toBoltLevel(level: string): LogLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

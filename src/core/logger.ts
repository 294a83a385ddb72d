import { pino, type Logger as PinoLogger } from 'pino';

/**
 * The logger type every module takes as a dependency. Message text and tokens never go to logs at
 * info level (platform-facts: privacy); log ids and counts instead.
 */
export type Logger = PinoLogger;

export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      // Secrets can reach a log through an error object or options; strip them wherever they appear.
      redact: {
        paths: ['*.token', '*.apiKey', '*.botToken', '*.appToken', '*.signingSecret', '*.authorization', 'token', 'apiKey'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(2),
  );
}

/** A logger that drops everything, for tests and library callers that pass none. */
export const silentLogger: Logger = pino({ level: 'silent' });

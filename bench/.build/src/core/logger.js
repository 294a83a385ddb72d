import { pino } from 'pino';
export function createLogger(level = 'info', destination) {
    return pino({
        level,
        base: undefined,
        // Secrets can reach a log through an error object or options; strip them wherever they appear.
        redact: {
            paths: ['*.token', '*.apiKey', '*.botToken', '*.appToken', '*.signingSecret', '*.authorization', 'token', 'apiKey'],
            censor: '[redacted]',
        },
    }, destination ?? pino.destination(2));
}
/** A logger that drops everything, for tests and library callers that pass none. */
export const silentLogger = pino({ level: 'silent' });

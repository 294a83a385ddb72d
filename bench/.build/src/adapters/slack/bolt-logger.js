import { LogLevel } from '@slack/bolt';
/**
 * Bolt, the Web API client and the Socket Mode client each take a `@slack/logger` Logger; this one
 * forwards to our pino logger so there is one log stream. Bolt logs request bodies only at debug
 * (and only in developerMode, which Mull never enables), so message text stays out of info logs.
 */
export function toBoltLogger(logger) {
    const join = (msg) => msg.map((part) => (typeof part === 'string' ? part : String(part))).join(' ');
    return {
        debug: (...msg) => logger.debug(join(msg)),
        info: (...msg) => logger.info(join(msg)),
        warn: (...msg) => logger.warn(join(msg)),
        error: (...msg) => logger.error(join(msg)),
        // Levels are ours to set (LOG_LEVEL); Bolt calling setLevel must not override them.
        setLevel: () => { },
        getLevel: () => toBoltLevel(logger.level),
        setName: () => { },
    };
}
function toBoltLevel(level) {
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

import type { MullConfig } from '../config.js';
import type { Logger } from '../core/logger.js';

/** What of an error may reach the log when nobody caught it. */
export interface ScrubbedError {
  type: string;
  message: string;
  code?: string | number;
  status?: number;
  stack?: string;
}

// Slack tokens (xoxb-, xapp-…) and the token in Discord webhook / interaction URLs.
const TOKEN_PATTERNS: readonly [RegExp, string][] = [
  [/\bxox[abposr]-[A-Za-z0-9-]+/g, 'xox?-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/\/(webhooks|interactions)\/(\d+)\/[^/\s"']+/g, '/$1/$2/:token'],
];

/**
 * An error nobody caught can be anything: a discord.js REST error carrying the request body (an
 * answer's text) and a URL holding an interaction token, an SDK error echoing a key. The log gets
 * its name, message, code, status and stack with every configured secret and token-shaped string
 * masked, and nothing else (no bodies, headers or causes), as the adapters' own loggers do.
 */
export function scrubError(reason: unknown, secrets: readonly string[]): ScrubbedError {
  const clean = (text: string) => {
    let out = text;
    for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
    for (const [pattern, replacement] of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
  if (!(reason instanceof Error)) return { type: typeof reason, message: clean(String(reason)) };
  const scrubbed: ScrubbedError = { type: reason.name, message: clean(reason.message) };
  const { code, status } = reason as { code?: unknown; status?: unknown };
  if (typeof code === 'string' || typeof code === 'number') scrubbed.code = code;
  if (typeof status === 'number') scrubbed.status = status;
  if (reason.stack) scrubbed.stack = clean(reason.stack);
  return scrubbed;
}

/** Every secret the configuration holds, to be masked wherever it might be echoed. */
export function configSecrets(config: MullConfig): string[] {
  const secrets = [config.llm.apiKey, config.slack?.botToken, config.slack?.appToken, config.slack?.signingSecret, config.discord?.token];
  try {
    const password = new URL(config.storeUrl).password;
    if (password) secrets.push(decodeURIComponent(password), password);
  } catch {
    // sqlite:// paths are not URLs with passwords.
  }
  return secrets.filter((s): s is string => Boolean(s) && s!.length >= 6);
}

/** The `unhandledRejection` listener of a long-running bot: log the scrubbed error and carry on. */
export function logUnhandledRejection(logger: Logger, secrets: readonly string[]): (reason: unknown) => void {
  return (reason) => logger.error({ err: scrubError(reason, secrets) }, 'unhandled rejection');
}

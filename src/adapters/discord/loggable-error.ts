import { DiscordAPIError, HTTPError } from 'discord.js';

/**
 * What of an error may go to the log. discord.js's REST errors carry the request body (an answer's
 * text) and the URL, which for interaction callbacks and webhooks holds the interaction token; the
 * log gets the status, code and route with tokens masked instead. Other errors pass unchanged.
 */
export function loggableError(error: unknown): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    return {
      type: error.name,
      message: error instanceof DiscordAPIError ? `${error.code}: ${error.message}` : error.message,
      status: error.status,
      method: error.method,
      route: maskTokens(new URL(error.url).pathname),
    };
  }
  return error;
}

/** `/webhooks/<app>/<token>/…` and `/interactions/<id>/<token>/…` with the token replaced. */
export function maskTokens(path: string): string {
  return path.replace(/\/(webhooks|interactions)\/(\d+)\/[^/]+/, '/$1/$2/:token');
}

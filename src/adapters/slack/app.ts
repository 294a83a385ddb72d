import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import { ErrorCode, MullError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { toBoltLogger } from './bolt-logger.js';
import { healthRoute, type HealthCheck } from './health.js';
import type { SlackIdentity } from './identity.js';
import type { ResolvedSlackOptions } from './options.js';

/**
 * Web API client options for the client that answers people. 429s are waited out inside the client
 * (`rejectRateLimitedCalls: false`: it pauses for Retry-After, then retries), and a few quick
 * retries cover network blips; Bolt's default (10 retries over ~30 minutes) would post an answer
 * long after anyone cares.
 */
export function answeringClientOptions(options: ResolvedSlackOptions, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: options.apiUrl,
    logger: toBoltLogger(logger.child({ component: 'slack-web-api' })),
    rejectRateLimitedCalls: false,
    retryConfig: { retries: options.apiRetries, factor: 2, minTimeout: 1_000, maxTimeout: 30_000, randomize: true },
  };
}

/**
 * Backfill's own client: a 429 is handed back at once (`rejectRateLimitedCalls: true`) so backfill
 * waits it out itself (rate-limit.ts) without pausing the answering client's queue.
 */
export function backfillClientOptions(options: ResolvedSlackOptions, logger: Logger): webApi.WebClientOptions {
  return { ...answeringClientOptions(options, logger), rejectRateLimitedCalls: true };
}

/** The drafts' client: no waiting on 429 and no retries; a lost progress frame costs nothing. */
export function draftClientOptions(options: ResolvedSlackOptions, logger: Logger): webApi.WebClientOptions {
  return { ...answeringClientOptions(options, logger), rejectRateLimitedCalls: true, retryConfig: { retries: 0 } };
}

/**
 * The transport: Socket Mode when an app token is given (no public URL; up to 10 connections share
 * the load), HTTP on `eventsPath` with `/healthz` otherwise (the choice behind a load balancer).
 */
export function createReceiver(options: ResolvedSlackOptions, logger: Logger, health?: HealthCheck): Receiver {
  const boltLogger = toBoltLogger(logger.child({ component: 'bolt' }));
  if (options.appToken) {
    return new SocketModeReceiver({
      appToken: options.appToken,
      logger: boltLogger,
      // The Socket Mode client builds its own WebClient for apps.connections.open; without this it dials slack.com.
      installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
    });
  }
  if (options.signingSecret) {
    return new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: options.eventsPath,
      port: options.port,
      processBeforeResponse: options.processBeforeResponse,
      customRoutes: [healthRoute(health)],
      logger: boltLogger,
    });
  }
  throw new MullError(ErrorCode.Config, 'slack: give appToken (Socket Mode) or signingSecret (HTTP mode) with the bot token');
}

/**
 * The Bolt app. Authorization comes from the identity already fetched with our own client, so the
 * app makes no second auth.test of its own; `ignoreSelf` drops Mull's own events.
 */
export function createBoltApp(options: ResolvedSlackOptions, identity: SlackIdentity, receiver: Receiver, logger: Logger): App {
  const { botToken } = options;
  return new App({
    receiver,
    authorize: async () => ({ botToken, botId: identity.botId, botUserId: identity.botUserId, teamId: identity.teamId }),
    clientOptions: answeringClientOptions(options, logger),
    logger: toBoltLogger(logger.child({ component: 'bolt' })),
    ignoreSelf: true,
  });
}

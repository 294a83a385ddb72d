import type { AddressInfo } from 'node:net';
import { runConsole } from '../adapters/console/console.js';
import { Redis } from 'ioredis';
import { checkHealth, serveHealth, type HealthSources } from '../jobs/health.js';
import { SharedAllowance } from '../jobs/shared-allowance.js';
import type { MullConfig } from '../config.js';
import { createLogger } from '../core/logger.js';
import { describeSetup, openCore, type Core } from '../main.js';
import { loadExampleIfEmpty, passEveryChannel } from './example-workspace.js';
import { configSecrets, logUnhandledRejection } from './scrub-error.js';

export interface StartIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * `mull start` / `npm start`: Slack and/or Discord when configured (both can run in one process),
 * otherwise the console on the embedded store. Resolves when the console ends or on a signal.
 */
export async function start(config: MullConfig, io: StartIO): Promise<void> {
  const say = (line: string) => io.stderr.write(`${line}\n`);
  const { role } = config.jobs;
  const consoleOnly = role !== 'worker' && !config.slack && !config.discord;
  // In the console, info-level JSON lines would interleave with the conversation.
  const level = consoleOnly && config.logLevel === 'info' ? 'warn' : config.logLevel;
  const core = await openCore(config, createLogger(level), { runWorker: role !== 'bot' });
  for (const line of describeSetup(config)) say(line);
  if (role === 'worker') {
    await workerMode(core, say);
    return;
  }
  if (consoleOnly) {
    await consoleMode(core, io, say);
    await core.close();
    return;
  }
  // A long-running bot logs a stray rejection rather than dying on it and dropping every channel;
  // scrubbed, since such an error may carry tokens or message text.
  process.on('unhandledRejection', logUnhandledRejection(core.logger, configSecrets(config)));
  const pending = await core.engine.resumePending();
  if (pending.length) say(`Sleep passes pending for ${pending.length} channel(s); they run after the quiet period.`);
  const stops: (() => Promise<void>)[] = [];
  // An adapter that is refused for good while running (Discord 4004 after a token reset) ends
  // the process with its reason and a non-zero exit, instead of idling (or exiting 0) unconnected.
  const refusals: Promise<Error>[] = [];
  // Several bot replicas share Slack's per-workspace chat.update allowance through Redis.
  const redis = config.jobs.redisUrl ? new Redis(config.jobs.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (error) => core.logger.warn({ err: error.message }, 'redis connection error'));
  if (redis) stops.push(async () => redis.disconnect());
  const draftEdits = redis
    ? (teamId: string, perMinute: number) => new SharedAllowance(redis, `${config.jobs.prefix}:allowance:slack-draft-edits:${teamId}`, perMinute)
    : undefined;
  const health = () => checkHealth(healthSources(core));
  const deps = { engine: core.engine, store: core.store, logger: core.logger, draftEdits, health };
  try {
    // Loaded only when configured: the console should not pay for two platform SDKs at start-up.
    if (config.slack) {
      const { startSlack } = await import('../adapters/slack/index.js');
      const slack = await startSlack(deps, {
        botToken: config.slack.botToken,
        appToken: config.slack.appToken,
        signingSecret: config.slack.signingSecret,
        apiUrl: config.slack.apiUrl,
        port: config.slack.port,
        ignoreBots: config.ignoreBots,
      });
      stops.push(() => slack.stop());
      say(config.slack.mode === 'socket' ? 'Slack: connected over Socket Mode.' : `Slack: listening on port ${config.slack.port} at /slack/events.`);
    }
    if (config.discord) {
      const { startDiscord } = await import('../adapters/discord/index.js');
      const discord = await startDiscord(deps, {
        token: config.discord.token,
        applicationId: config.discord.applicationId,
        guildId: config.discord.guildId,
        apiUrl: config.discord.apiUrl,
        shards: config.discord.shards,
        shardCount: config.discord.shardCount,
        ignoreBots: config.ignoreBots,
      });
      stops.push(() => discord.stop());
      refusals.push(discord.refused);
      say(config.discord.shards ? `Discord: connected to the gateway (shards ${config.discord.shards === 'auto' ? 'auto' : config.discord.shards.join(',')}).` : 'Discord: connected to the gateway.');
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await core.close();
    throw error;
  }
  const refused = await Promise.race([
    new Promise<undefined>((resolve) => {
      const shutdown = () => resolve(undefined);
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    }),
    ...refusals,
  ]);
  say('Stopping…');
  for (const stop of stops.reverse()) await stop().catch((error) => core.logger.error({ err: error }, 'adapter stop failed'));
  await core.close();
  // mull.ts prints a MullError as one line and exits 1.
  if (refused) throw refused;
}

/** The `worker` role: runs passes from the shared queue and serves `/healthz`; no platforms. */
async function workerMode(core: Core, say: (line: string) => void): Promise<void> {
  process.on('unhandledRejection', logUnhandledRejection(core.logger, configSecrets(core.config)));
  const health = await serveHealth(healthSources(core), core.config.jobs.healthPort);
  say(`Worker: running sleep passes from the queue; /healthz on port ${(health.address() as AddressInfo).port}.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  say('Stopping…');
  await new Promise((resolve) => health.close(resolve));
  await core.close();
}

/** What `/healthz` checks in this process. */
function healthSources(core: Core): HealthSources {
  return { role: core.config.jobs.role, figures: () => core.engine.queueFigures(), pingStore: () => core.store.getState('mull:healthz') };
}

async function consoleMode(core: Core, io: StartIO, say: (line: string) => void): Promise<void> {
  const loaded = await loadExampleIfEmpty(core.store);
  if (loaded) {
    say(`The store was empty, so I loaded the example workspace (examples/acme): ${loaded.channels} channels, ${loaded.messages} messages.`);
    if (!core.provider) {
      // Offline passes only mine the history: cheap enough to run before the first prompt.
      await passEveryChannel(core.store, core.engine, 'console');
      say('Mined the example for answered questions. Try: @mull who owns billing?');
    } else {
      say('Passes run when a channel goes quiet, nightly, or now with /rethink. Try: @mull when is the launch?');
    }
  }
  await runConsole({ engine: core.engine, store: core.store }, { input: io.stdin, output: io.stdout, interactive: Boolean(io.stdin.isTTY) });
}

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { webApi } from '@slack/bolt';
import type { Engine } from '../../core/engine.js';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../store/store.js';
import { answeringClientOptions, backfillClientOptions, createBoltApp, createReceiver, draftClientOptions } from './app.js';
import { registerAppHome } from './app-home.js';
import { createAssistantPanel } from './assistant-panel.js';
import { EditBudget, type EditAllowance } from './edit-budget.js';
import type { HealthCheck } from './health.js';
import { Backfill } from './backfill.js';
import { ChannelDirectory } from './channels.js';
import { dedupeEvents } from './dedupe.js';
import { DmAccess } from './dm-access.js';
import { registerMessageEvents } from './events.js';
import { registerFeedback } from './feedback.js';
import { registerForget } from './forget-command.js';
import { fetchIdentity } from './identity.js';
import { registerMembership } from './membership.js';
import { registerMentions } from './mentions.js';
import { registerMullCommand } from './mull-command.js';
import { resolveSlackOptions, type SlackOptions } from './options.js';
import { registerRethink } from './rethink-command.js';
import type { SlackContext } from './slack-context.js';
import { BackgroundTasks } from './tasks.js';
import { UserDirectory } from './users.js';

export type { SlackOptions } from './options.js';
export { SlackDefaults } from './options.js';

export interface SlackDeps {
  engine: Engine;
  store: Store;
  logger: Logger;
  /**
   * The draft-edit allowance for a workspace, shared by every replica (through Redis) when several
   * run; defaults to one counted in this process.
   */
  draftEdits?: (teamId: string, perMinute: number) => EditAllowance;
  /** What HTTP mode's `/healthz` reports (role, queue, store and Redis); defaults to `{ ok: true }`. */
  health?: HealthCheck;
}

export interface SlackHandle {
  /** Stops backfill, lets answers and passes in flight finish, then disconnects. */
  stop(): Promise<void>;
  /** HTTP mode: where the app listens (`http://host:port`), with the port actually bound. */
  url?: string;
  /** Settles when the start-up backfill has gone through every conversation (never rejects). */
  backfillDone: Promise<void>;
}

/**
 * Connects the engine to one Slack workspace: live ingest, mentions, DMs, /rethink and /mull,
 * feedback, and history backfill. The adapter only turns Slack events into engine calls and engine
 * results into Slack messages; it never reads the environment (src/config.ts does).
 */
export async function startSlack(deps: SlackDeps, slackOptions: SlackOptions): Promise<SlackHandle> {
  const options = resolveSlackOptions(slackOptions);
  const logger = deps.logger.child({ adapter: 'slack' });
  const client = new webApi.WebClient(options.botToken, answeringClientOptions(options, logger));
  const identity = await fetchIdentity(client);
  await deps.engine.registerWorkspace({ platform: 'slack', id: identity.teamId, name: identity.teamName });

  const tasks = new BackgroundTasks(logger);
  const ctx: SlackContext = {
    ...deps,
    logger,
    options,
    identity,
    client,
    draftClient: new webApi.WebClient(options.botToken, draftClientOptions(options, logger)),
    draftEdits: deps.draftEdits?.(identity.teamId, options.draftEditsPerMinute) ?? new EditBudget(options.draftEditsPerMinute),
    channels: new ChannelDirectory(identity.teamId, client, deps.engine),
    users: new UserDirectory(client, logger),
    // Its own client: a users.conversations 429 pauses that client's queue, and on the answering
    // client it would hold up every reply, not just the DM being checked.
    access: new DmAccess(identity.teamId, new webApi.WebClient(options.botToken, answeringClientOptions(options, logger)), options.dmAccessCacheMs, logger),
    tasks,
    streaming: { refused: false },
  };

  const stopping = new AbortController();
  const backfill = new Backfill(
    ctx,
    new webApi.WebClient(options.botToken, backfillClientOptions(options, logger)),
    stopping.signal,
    new webApi.WebClient(options.botToken, answeringClientOptions(options, logger)),
  );

  const receiver = createReceiver(options, logger, deps.health);
  const app = createBoltApp(options, identity, receiver, logger);
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack handler failed');
  });
  app.use(dedupeEvents(deps.store, options.dedupeTtlMs, logger));
  // Before the message listeners: threads in the assistant panel are the Assistant's to answer.
  app.assistant(createAssistantPanel(ctx));
  registerMessageEvents(app, ctx);
  registerMentions(app, ctx);
  const backfillOne = (channelId: string) => {
    if (options.backfill) void tasks.run('backfill joined', () => backfill.conversationById(channelId));
  };
  registerMembership(app, ctx, backfillOne);
  registerRethink(app, ctx);
  registerMullCommand(app, ctx);
  registerForget(app, ctx, backfillOne);
  registerAppHome(app, ctx);
  registerFeedback(app, ctx);

  let url: string | undefined;
  if (options.appToken) {
    await app.start();
    logger.info({ team: identity.teamId, mode: 'socket' }, 'slack connected');
  } else {
    const server = (await app.start({ port: options.port, host: options.host })) as Server;
    const address = server.address() as AddressInfo;
    const host = options.host ?? '127.0.0.1';
    url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    logger.info({ team: identity.teamId, mode: 'http', port: address.port, path: options.eventsPath }, 'slack listening');
  }

  const backfillDone = options.backfill ? tasks.run('backfill', () => backfill.all()) : Promise.resolve();

  return {
    url,
    backfillDone,
    async stop() {
      if (stopping.signal.aborted) return;
      // Stop taking events first: one acked now would be claimed and then dropped by the shutdown.
      stopping.abort();
      await app.stop();
      // Then let answers and passes in flight finish, within a deadline.
      const finished = await tasks.idle(options.stopGraceMs);
      if (!finished) logger.warn({ graceMs: options.stopGraceMs }, 'slack stopped with work still running');
      logger.info('slack stopped');
    },
  };
}

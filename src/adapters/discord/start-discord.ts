import { Events, type Channel as DiscordChannel, type Client, type Guild } from 'discord.js';
import { asMullError, ErrorCode } from '../../core/errors.js';
import { createDiscordClient, connectDiscordClient } from './client.js';
import { backfillGuild } from './backfill.js';
import { placeOf } from './channels.js';
import { onInteraction } from './commands.js';
import { RecentInteractions } from './dedup.js';
import type { DiscordContext, DiscordDeps } from './context.js';
import { watchEditsAndDeletes, type Run } from './edits-deletes.js';
import { DiscordGatewayError, FATAL_CLOSE_CODES } from './gateway-error.js';
import { syncChannel, syncGuild } from './guild-sync.js';
import { watchRemoval } from './removal.js';
import { onMessageCreate } from './message-create.js';
import { resolveDiscordOptions, type DiscordOptions } from './options.js';
import { loggableError } from './loggable-error.js';

/** How long `stop()` waits for answers being written before it disconnects. @unit milliseconds */
const STOP_GRACE_MS = 10_000;

export interface DiscordHandle {
  /** Finishes the answers in progress (up to 10 s), stops backfill, and disconnects. */
  stop(): Promise<void>;
  /** Resolves when the backfill queued so far has finished (for tests and the CLI). */
  backfillDone(): Promise<void>;
  /**
   * Settles, with what to do about it, if Discord later closes the gateway for good (4004 when
   * the token is reset while running): discord.js stops then, and the process must not carry on
   * (or exit 0) as if Discord were still connected.
   */
  refused: Promise<DiscordGatewayError>;
}

/**
 * Connects to Discord and turns its events into engine calls: history in, answers out. Resolves
 * once the gateway is ready and the guilds are synced; backfill then runs in the background.
 * Rejects with a DiscordGatewayError when Discord refuses the connection (e.g. 4014).
 */
export async function startDiscord(deps: DiscordDeps, options: DiscordOptions): Promise<DiscordHandle> {
  const resolved = resolveDiscordOptions(options);
  const client: Client = createDiscordClient(resolved);
  const logger = deps.logger.child({ adapter: 'discord' });
  const inflight = new Set<Promise<void>>();
  const backfillAbort = new AbortController();
  let backfill: Promise<void> = Promise.resolve();
  // Handlers are attached before login so nothing is missed; their work waits for the context.
  let setReady: (ctx: DiscordContext) => void = () => {};
  const contextReady = new Promise<DiscordContext>((resolve) => (setReady = resolve));

  const lanes = new Map<string, Promise<void>>();
  let stopping = false;
  const run: Run = (label, work, lane) => {
    // Once stopping, new events are left alone: the work in flight is what gets the grace period.
    if (stopping) return;
    const after = (lane && lanes.get(lane)) || contextReady;
    const task = after
      .then(() => contextReady)
      .then(work)
      .catch((error: unknown) => logger.error({ err: loggableError(error) }, `discord: ${label} failed`));
    inflight.add(task);
    if (lane) lanes.set(lane, task);
    void task.finally(() => {
      inflight.delete(task);
      if (lane && lanes.get(lane) === task) lanes.delete(lane);
    });
  };
  const queueBackfill = (ctx: DiscordContext, guild: Guild) => {
    if (!resolved.backfill) return;
    backfill = backfill
      .then(() => backfillGuild(ctx, guild, backfillAbort.signal))
      .catch((error: unknown) => logger.error({ err: loggableError(error), guild: guild.id }, 'discord: backfill failed'));
  };
  const onChannel = (channel: DiscordChannel) => {
    const place = placeOf(channel);
    if (place && !place.threadId) run('channel update', (ctx) => syncChannel(ctx, place.channel));
  };

  client.on(Events.MessageCreate, (message) =>
    run(
      'message',
      async (ctx) => {
        const answer = await onMessageCreate(ctx, message);
        if (answer) run('answer', answer);
      },
      message.channelId,
    ),
  );
  client.on(Events.InteractionCreate, (interaction) =>
    run('command', (ctx) =>
      onInteraction(ctx, interaction, (guildId) => {
        const guild = ctx.client.guilds.cache.get(guildId);
        if (guild) queueBackfill(ctx, guild);
      }),
    ),
  );
  client.on(Events.GuildCreate, (guild) =>
    run('guild join', async (ctx) => {
      await syncGuild(ctx, guild);
      queueBackfill(ctx, guild);
    }),
  );
  client.on(Events.ChannelCreate, onChannel);
  client.on(Events.ChannelUpdate, (_old, channel) => onChannel(channel));
  watchRemoval(client, run);
  watchEditsAndDeletes(client, run);
  let refuse: (error: DiscordGatewayError) => void = () => {};
  const refused = new Promise<DiscordGatewayError>((resolve) => (refuse = resolve));
  client.on(Events.ShardDisconnect, (event) => {
    if (!FATAL_CLOSE_CODES.has(event.code)) return;
    const error = new DiscordGatewayError(event.code);
    logger.error({ code: event.code }, error.message);
    refuse(error);
  });
  // discord.js reports its own destroy() as a reconnect too; only real reconnects are worth a warning.
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.warn({ shard }, 'discord: gateway reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord: gateway resumed'));
  // A resumed session replays what was missed; a new session (after a long outage) does not, and
  // known guilds come back as GuildAvailable, not GuildCreate: catch up from the stored cursor.
  client.on(Events.GuildAvailable, (guild) => run('guild available', async (ctx) => queueBackfill(ctx, guild)));
  client.on(Events.Error, (error) => logger.error({ err: loggableError(error) }, 'discord: client error'));

  const ready = await connectDiscordClient(client, resolved.token);
  const ctx: DiscordContext = { ...deps, logger, client: ready, options: resolved, interactions: new RecentInteractions(resolved.dedupTtlMs) };
  try {
    for (const guild of ready.guilds.cache.values()) await syncGuild(ctx, guild);
  } catch (error) {
    await client.destroy();
    throw asMullError(error, ErrorCode.Adapter);
  }
  setReady(ctx);
  for (const guild of ready.guilds.cache.values()) queueBackfill(ctx, guild);
  logger.info({ user: ready.user.id, guilds: ready.guilds.cache.size }, 'discord: connected');

  let settledBackfill: Promise<void> | undefined;
  return {
    async stop() {
      stopping = true;
      backfillAbort.abort();
      const deadline = Date.now() + STOP_GRACE_MS;
      // Storing a message can start an answer, so wait until nothing is left (or time is up).
      while ((inflight.size > 0 || backfill !== settledBackfill) && Date.now() < deadline) {
        settledBackfill = backfill;
        const grace = new Promise((resolve) => setTimeout(resolve, deadline - Date.now()).unref());
        await Promise.race([Promise.allSettled([...inflight, backfill]), grace]);
      }
      await client.destroy();
    },
    backfillDone: () => backfill,
    refused,
  };
}

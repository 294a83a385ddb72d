import { webApi } from '@slack/bolt';
import { answeringClientOptions, backfillClientOptions, createBoltApp, createReceiver } from './app.js';
import { Backfill } from './backfill.js';
import { ChannelDirectory } from './channels.js';
import { dedupeEvents } from './dedupe.js';
import { DmAccess } from './dm-access.js';
import { registerMessageEvents } from './events.js';
import { registerFeedback } from './feedback.js';
import { fetchIdentity } from './identity.js';
import { registerMembership } from './membership.js';
import { registerMentions } from './mentions.js';
import { registerMullCommand } from './mull-command.js';
import { resolveSlackOptions } from './options.js';
import { registerRethink } from './rethink-command.js';
import { BackgroundTasks } from './tasks.js';
import { UserDirectory } from './users.js';
export { SlackDefaults } from './options.js';
/**
 * Connects the engine to one Slack workspace: live ingest, mentions, DMs, /rethink and /mull,
 * feedback, and history backfill. The adapter only turns Slack events into engine calls and engine
 * results into Slack messages; it never reads the environment (src/config.ts does).
 */
export async function startSlack(deps, slackOptions) {
    const options = resolveSlackOptions(slackOptions);
    const logger = deps.logger.child({ adapter: 'slack' });
    const client = new webApi.WebClient(options.botToken, answeringClientOptions(options, logger));
    const identity = await fetchIdentity(client);
    await deps.engine.registerWorkspace({ platform: 'slack', id: identity.teamId, name: identity.teamName });
    const tasks = new BackgroundTasks(logger);
    const ctx = {
        ...deps,
        logger,
        options,
        identity,
        client,
        channels: new ChannelDirectory(identity.teamId, client, deps.engine),
        users: new UserDirectory(client, logger),
        access: new DmAccess(identity.teamId, client, options.dmAccessCacheMs, logger),
        tasks,
    };
    const stopping = new AbortController();
    const backfill = new Backfill(ctx, new webApi.WebClient(options.botToken, backfillClientOptions(options, logger)), stopping.signal);
    const receiver = createReceiver(options, logger);
    const app = createBoltApp(options, identity, receiver, logger);
    app.error(async (error) => {
        logger.error({ err: error, code: error.code }, 'slack handler failed');
    });
    app.use(dedupeEvents(deps.store, options.dedupeTtlMs, logger));
    registerMessageEvents(app, ctx);
    registerMentions(app, ctx);
    registerMembership(app, ctx, (channelId) => {
        if (options.backfill)
            void tasks.run('backfill joined', () => backfill.conversationById(channelId));
    });
    registerRethink(app, ctx);
    registerMullCommand(app, ctx);
    registerFeedback(app, ctx);
    let url;
    if (options.appToken) {
        await app.start();
        logger.info({ team: identity.teamId, mode: 'socket' }, 'slack connected');
    }
    else {
        const server = (await app.start({ port: options.port, host: options.host }));
        const address = server.address();
        const host = options.host ?? '127.0.0.1';
        url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
        logger.info({ team: identity.teamId, mode: 'http', port: address.port, path: options.eventsPath }, 'slack listening');
    }
    const backfillDone = options.backfill ? tasks.run('backfill', () => backfill.all()) : Promise.resolve();
    return {
        url,
        backfillDone,
        async stop() {
            stopping.abort();
            await tasks.idle();
            await app.stop();
            logger.info('slack stopped');
        },
    };
}

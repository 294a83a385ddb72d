import type { App, types } from '@slack/bolt';
import type { ChannelOverview } from '../../core/engine.js';
import { parseChannelKey } from '../../core/ids.js';
import { slackChannelKey } from './channels.js';
import { mayManageChannel } from './channel-managers.js';
import { formatPassReport } from './format-report.js';
import { escapeText } from './mrkdwn.js';
import type { SlackContext } from './slack-context.js';

/** A Home tab holds 100 blocks; each channel takes five. */
const MAX_CHANNELS = 18;
const n = (value: number) => value.toLocaleString('en-US');

/**
 * The App Home: for each channel the viewer can read now (scoped as a DM answer is), when Mull
 * last thought about it, what it holds, the questions it expects most and this week's sleep-time
 * vs answer-time tokens, with buttons to rethink it now (anyone who reads it; cooldowns apply)
 * and to pause or resume passes (those who manage it).
 * @see https://docs.slack.dev/surfaces/app-home
 */
export function registerAppHome(app: App, ctx: SlackContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await publishHome(ctx, event.user);
  });
  app.action(/^mull_home_(rethink|pause|resume)$/, async ({ ack, action, body }) => {
    await ack();
    const kind = /^mull_home_(\w+)$/.exec((action as { action_id: string }).action_id)![1]!;
    const channelId = (action as { value?: string }).value ?? '';
    const user = body.user.id;
    const key = slackChannelKey(ctx.identity.teamId, channelId);
    // The button's value comes back from the client: only a channel the user is in now counts.
    if (!(await readableBy(ctx, user)).includes(key)) return;
    let notice: string | undefined;
    if (kind === 'rethink') {
      notice = formatPassReport(await ctx.engine.rethink(key, { onDemand: true, asker: user }), channelId);
    } else if (await mayManageChannel(ctx, user, channelId)) {
      await ctx.engine.updateChannelSettings(key, { passes: kind === 'resume' });
      notice = `Passes in <#${channelId}> are ${kind === 'resume' ? 'back on' : 'paused'}.`;
    }
    await publishHome(ctx, user, notice);
  });
}

/**
 * The channels and group DMs the user is in now (the DM answers' scope without the DM itself).
 * A lookup that fails shows nothing rather than more.
 */
async function readableBy(ctx: SlackContext, user: string): Promise<string[]> {
  return ctx.access.channelsOf(user).catch((error: unknown) => {
    ctx.logger.warn({ err: error }, 'slack users.conversations failed; App Home shows no channels');
    return [];
  });
}

export async function publishHome(ctx: SlackContext, user: string, notice?: string): Promise<void> {
  const scope = await readableBy(ctx, user);
  const rows = (await ctx.engine.overview(scope)).slice(0, MAX_CHANNELS);
  const managed = await Promise.all(rows.map((row) => mayManageChannel(ctx, user, parseChannelKey(row.channel).channel)));
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'What Mull knows about your channels' } },
    ...(notice ? [{ type: 'section', text: { type: 'mrkdwn', text: notice } } as types.SectionBlock] : []),
    ...(rows.length === 0 ? [{ type: 'section', text: { type: 'mrkdwn', text: 'Invite me to a channel you are in (`/invite @Mull`) and I will start thinking about it.' } } as types.SectionBlock] : []),
    ...rows.flatMap((row, i) => channelBlocks(row, managed[i]!)),
  ];
  await ctx.client.views.publish({ user_id: user, view: { type: 'home', blocks } });
}

function channelBlocks(row: ChannelOverview, manages: boolean): types.KnownBlock[] {
  const id = parseChannelKey(row.channel).channel;
  const last = row.lastPassAt ? `<!date^${Math.floor(row.lastPassAt / 1000)}^{date_short_pretty} at {time}|${new Date(row.lastPassAt).toISOString()}>` : 'not yet';
  const questions = row.topQuestions.map((q) => `• ${escapeText(q)}`).join('\n') || '_No questions expected yet._';
  const button = (kind: string, text: string): types.Button => ({ type: 'button', action_id: `mull_home_${kind}`, value: id, text: { type: 'plain_text', text } });
  const removed = row.removed ? ` · removed; data purged <!date^${Math.floor(row.removed.purgeAt / 1000)}^{date_short_pretty}|soon> unless I am added back` : '';
  return [
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*<#${id}>* · last thought about ${last} · ${n(row.notes)} notes · ${n(row.prepared)} prepared answers${removed}\n${questions}`,
      },
    },
    {
      type: 'context',
      elements: [{
        type: 'mrkdwn',
        text: `This week: ${n(row.week.sleepTokens)} tokens thinking while idle, ${n(row.week.answerTokens)} answering · passes ${row.settings.passes ? 'on' : 'paused'}` +
          ` · effort ${row.settings.effort ?? 'default'} · answers ${row.settings.answers === 'public' ? 'public' : 'only for the asker'}`,
      }],
    },
    {
      type: 'actions',
      block_id: `mull_home_${id}`,
      elements: [button('rethink', 'Rethink now'), ...(manages ? [row.settings.passes ? button('pause', 'Pause passes') : button('resume', 'Resume passes')] : [])],
    },
  ];
}

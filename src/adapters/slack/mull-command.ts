import type { App, RespondFn } from '@slack/bolt';
import { asMullError } from '../../core/errors.js';
import { slackChannelKey } from './channels.js';
import { mayManageChannel, NOT_ALLOWED } from './channel-managers.js';
import { describeSettings, parseSettingsPatch, SETTINGS_USAGE, settingsError } from './channel-settings.js';
import { forgetConfirmation } from './forget-command.js';
import { formatAnswer } from './format-answer.js';
import { formatStats, HELP_TEXT } from './format-report.js';
import type { SlackContext } from './slack-context.js';

/** response_url takes at most 5 posts; an ephemeral answer longer than that is cut, with a note. */
const MAX_RESPONSES = 5;
/** Answers carry links from channel text: none may unfurl into a preview (an injected link could carry text out). */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/**
 * `/mull help | stats | ask QUESTION | settings [NAME VALUE] | forget`. Everything is ephemeral:
 * stats and answers are for the person who asked. Work happens after the ack, like /rethink.
 */
export function registerMullCommand(app: App, ctx: SlackContext): void {
  app.command('/mull', async ({ command, ack, respond }) => {
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/);
    const argument = command.text.trim().slice(sub.length).trim();
    const channelId = command.channel_id;
    const key = slackChannelKey(ctx.identity.teamId, channelId);
    const inDm = channelId.startsWith('D');
    switch (sub.toLowerCase()) {
      case 'stats':
        await ack();
        void ctx.tasks.run('mull stats', async () => {
          // In a DM: only the conversations the asker is in now (and the DM itself), never the store's totals.
          const stats = await ctx.engine.stats(inDm ? { scope: await ctx.access.scopeForDm(command.user_id, channelId) } : key);
          const settings = inDm ? [] : ['*Settings here*', ...describeSettings(await ctx.engine.channelSettings(key))];
          await respond({ response_type: 'ephemeral', text: [formatStats(stats, inDm ? undefined : channelId), ...settings].join('\n'), ...NO_UNFURL });
        });
        return;
      case 'ask':
        if (rest.length === 0) {
          await ack({ response_type: 'ephemeral', text: 'Usage: `/mull ask QUESTION`' });
          return;
        }
        await ack({ response_type: 'ephemeral', text: 'Thinking…' });
        void ctx.tasks.run('mull ask', () => askEphemeral(ctx, { user: command.user_id, channelId, key, inDm, question: argument }, respond));
        return;
      case 'settings':
      case 'forget':
        if (inDm) {
          await ack({ response_type: 'ephemeral', text: `Run \`/mull ${sub.toLowerCase()}\` in the channel it is about.` });
          return;
        }
        await ack();
        void ctx.tasks.run(`mull ${sub}`, () =>
          sub.toLowerCase() === 'forget'
            ? askToForget(ctx, command.user_id, channelId, respond)
            : changeSettings(ctx, { user: command.user_id, channelId, key, argument }, respond),
        );
        return;
      default:
        await ack({ response_type: 'ephemeral', text: HELP_TEXT });
    }
  });
}

async function askEphemeral(
  ctx: SlackContext,
  q: { user: string; channelId: string; key: string; inDm: boolean; question: string },
  respond: RespondFn,
): Promise<void> {
  try {
    const scope = q.inDm ? await ctx.access.scopeForDm(q.user, q.channelId) : [q.key];
    // Only the asker sees this exchange: the question must not shape the channel's next pass.
    const answer = await ctx.engine.ask({ asker: q.user, askedIn: q.key, scope, question: q.question, private: true });
    const replies = formatAnswer(answer, {
      workspaceUrl: ctx.identity.url,
      scope,
      nameChannels: q.inDm,
      maxChars: ctx.options.maxMessageChars,
      maxCitations: ctx.options.maxCitations,
      feedbackChannel: q.key,
    });
    const shown = replies.length > MAX_RESPONSES ? [...replies.slice(0, MAX_RESPONSES - 1), replies[replies.length - 1]] : replies;
    if (shown.length < replies.length) {
      shown[MAX_RESPONSES - 2] = { text: `${shown[MAX_RESPONSES - 2].text}\n\n_…shortened; mention me for the whole answer._` };
    }
    for (const reply of shown) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}), ...NO_UNFURL });
    }
  } catch (error) {
    const coded = asMullError(error);
    ctx.logger.error({ err: error, code: coded.code, channel: q.key }, 'slack /mull ask failed');
    await respond({ response_type: 'ephemeral', replace_original: false, text: `Sorry, I could not work that out just now (${coded.code}).` });
  }
}

/** `/mull settings`: shows them to anyone in the channel; changes them for those allowed. */
async function changeSettings(
  ctx: SlackContext,
  c: { user: string; channelId: string; key: string; argument: string },
  respond: RespondFn,
): Promise<void> {
  const reply = (text: string) => respond({ response_type: 'ephemeral', text, ...NO_UNFURL });
  if (c.argument === '') {
    const settings = await ctx.engine.channelSettings(c.key);
    await reply([`*Mull in <#${c.channelId}>*`, ...describeSettings(settings), '', SETTINGS_USAGE].join('\n'));
    return;
  }
  const patch = parseSettingsPatch(c.argument);
  if (typeof patch === 'string') return void (await reply(patch));
  if (!(await mayManageChannel(ctx, c.user, c.channelId))) return void (await reply(NOT_ALLOWED));
  try {
    await ctx.channels.resolve(c.channelId);
    const settings = await ctx.engine.updateChannelSettings(c.key, patch);
    ctx.logger.info({ channel: c.key, patch }, 'slack settings changed');
    await reply([`*Mull in <#${c.channelId}>* now:`, ...describeSettings(settings)].join('\n'));
  } catch (error) {
    await reply(settingsError(error));
  }
}

/** `/mull forget`: permission first, then a confirmation only the asker sees. */
async function askToForget(ctx: SlackContext, user: string, channelId: string, respond: RespondFn): Promise<void> {
  if (!(await mayManageChannel(ctx, user, channelId))) {
    await respond({ response_type: 'ephemeral', text: NOT_ALLOWED });
    return;
  }
  await respond({ response_type: 'ephemeral', ...forgetConfirmation(channelId) });
}

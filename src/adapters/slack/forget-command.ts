import type { App, types } from '@slack/bolt';
import { asMullError } from '../../core/errors.js';
import { slackChannelKey } from './channels.js';
import { mayManageChannel, NOT_ALLOWED } from './channel-managers.js';
import type { SlackContext } from './slack-context.js';

const CONFIRM = 'mull_forget_confirm';
const REFILL = 'mull_forget_refill';
const CANCEL = 'mull_forget_cancel';

/**
 * `/mull forget` asks first: an ephemeral message says what will go, with buttons to forget
 * (starting over from the next message), forget and read the history again, or cancel. The
 * permission is checked again on the click: the message could be clicked by no one else, but a
 * person's rights may have changed since.
 */
export function forgetConfirmation(channelId: string): { text: string; blocks: types.KnownBlock[] } {
  const text =
    `Forget <#${channelId}>? I will drop everything I learned here (notes, prepared answers), the history I stored ` +
    'and the questions asked of me here. Nothing else is touched.';
  const button = (action: string, label: string, style?: 'danger'): types.Button => ({
    type: 'button', action_id: action, text: { type: 'plain_text', text: label }, value: channelId, ...(style ? { style } : {}),
  });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: 'mull_forget',
        elements: [
          button(CONFIRM, 'Forget; start from the next message', 'danger'),
          button(REFILL, 'Forget and read the history again'),
          button(CANCEL, 'Cancel'),
        ],
      },
    ],
  };
}

export function registerForget(app: App, ctx: SlackContext, backfill: (channelId: string) => void): void {
  app.action(CANCEL, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: 'Nothing was forgotten.' });
  });
  app.action(new RegExp(`^(${CONFIRM}|${REFILL})$`), async ({ ack, action, body, respond }) => {
    await ack();
    const channelId = (action as { value?: string }).value ?? '';
    const refill = (action as { action_id: string }).action_id === REFILL;
    if (!/^[CG][A-Z0-9]+$/.test(channelId) || !(await mayManageChannel(ctx, body.user.id, channelId))) {
      await respond({ replace_original: true, text: NOT_ALLOWED });
      return;
    }
    try {
      const report = await ctx.engine.forget(slackChannelKey(ctx.identity.teamId, channelId), { refill });
      ctx.logger.info({ channel: report.channel, refill }, 'slack channel forgotten');
      if (refill) backfill(channelId);
      await respond({
        replace_original: true,
        text:
          `Forgot <#${channelId}>: ${report.messages} stored messages, ${report.notes} notes, ${report.anticipated} prepared answers ` +
          `and ${report.questions} logged questions are gone. ` +
          (refill ? 'I am reading the history again now.' : 'I start over from the next message.'),
      });
    } catch (error) {
      const coded = asMullError(error);
      ctx.logger.error({ err: error, code: coded.code }, 'slack forget failed');
      await respond({ replace_original: true, text: `Could not forget <#${channelId}> (${coded.code}); it may be partly done: run \`/mull forget\` again to finish.` });
    }
  });
}

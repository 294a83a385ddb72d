import type { App } from '@slack/bolt';
import { asMullError } from '../../core/errors.js';
import { slackChannelKey } from './channels.js';
import { formatPassReport } from './format-report.js';
import { escapeText } from './mrkdwn.js';
import type { SlackContext } from './slack-context.js';

/**
 * `/rethink [topic]`: acked at once with an ephemeral "thinking about #channel…" (Slack gives a
 * slash command 3 seconds), then a pass runs in the background (the engine makes it single-flight)
 * and its report goes to `response_url` (which accepts 5 posts within 30 minutes).
 * @see https://docs.slack.dev/interactivity/implementing-slash-commands
 */
export function registerRethink(app: App, ctx: SlackContext): void {
  app.command('/rethink', async ({ command, ack, respond }) => {
    const topic = command.text.trim() || undefined;
    const where = `<#${command.channel_id}>`;
    const startedAt = Date.now();
    await ack({ response_type: 'ephemeral', text: `Thinking about ${where}${topic ? ` (${escapeText(topic)})` : ''}…` });
    // Not awaited: with processBeforeResponse the ack above is only sent when this listener returns.
    void ctx.tasks.run('rethink', async () => {
      const key = slackChannelKey(ctx.identity.teamId, command.channel_id);
      let text: string;
      try {
        await ctx.channels.resolve(command.channel_id);
        // A person's request: their cooldown and the channel's apply (the engine says when to retry).
        const report = await ctx.engine.rethink(key, { topic, onDemand: true, asker: command.user_id });
        ctx.logger.info({ channel: key, status: report.status, newNotes: report.newNotes, anticipated: report.anticipated }, 'slack rethink done');
        text = formatPassReport(report, command.channel_id);
      } catch (error) {
        const coded = asMullError(error);
        ctx.logger.error({ err: error, code: coded.code, channel: key }, 'slack rethink failed');
        text = `Could not rethink ${where} (${coded.code}).`;
      }
      // response_url lives 30 minutes; a pass queued behind another (or a slow local model) can
      // take longer, and then only a direct ephemeral message still reaches the person.
      if (Date.now() - startedAt < ctx.options.responseUrlLifetimeMs) {
        // Highlights come from channel text: a link in them must not unfurl into a preview.
        await respond({ response_type: 'ephemeral', replace_original: false, text, unfurl_links: false, unfurl_media: false });
      } else {
        // chat.postEphemeral takes no unfurl arguments: Slack does not unfurl ephemeral messages.
        await ctx.client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text });
      }
    });
  });
}

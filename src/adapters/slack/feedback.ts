import type { App, types } from '@slack/bolt';
import type { PreparedRef } from '../../core/engine.js';
import type { ChannelKey } from '../../core/ids.js';
import type { SlackContext } from './slack-context.js';

const ACTION = 'mull_feedback';
const REASON_VIEW = 'mull_feedback_reason';
/** One vote per person per answer is counted; a second click only gets the thank-you again. */
const VOTE_TTL_MS = 30 * 86_400_000;
/** How long an answer's question and text are kept for a thumbs-down's reason. @unit milliseconds */
const ANSWER_TTL_MS = 30 * 86_400_000;
/** Kept of an answer's text for the reason's log line (the pass reads a clipped version anyway). @unit characters */
const ANSWER_KEPT_CHARS = 2_000;

/** What a thumbs-down refers to: kept per answer message, for the reason that may follow. */
interface AnsweredRecord {
  askedIn: ChannelKey;
  question: string;
  answer: string;
  /** The prepared answer it came from, so a 👎 reviews exactly that one. */
  prepared?: PreparedRef;
}

const answerKey = (channelId: string, ts: string) => `slack:answer:${channelId}:${ts}`;

/**
 * 👍/👎 under an answer, with Slack's own `feedback_buttons` element in a `context_actions` block
 * (the AI-app surface's feedback). Each button's value is the vote and the channel the answer was
 * asked in, where the vote is counted.
 * @see https://docs.slack.dev/reference/block-kit/block-elements/feedback-buttons-element
 */
export function feedbackBlock(channel: ChannelKey): types.ContextActionsBlock {
  return {
    type: 'context_actions',
    block_id: 'mull_feedback',
    elements: [
      {
        type: 'feedback_buttons',
        action_id: ACTION,
        positive_button: { text: { type: 'plain_text', text: 'Good answer' }, accessibility_label: 'This answer was helpful', value: `up ${channel}` },
        negative_button: { text: { type: 'plain_text', text: 'Not right' }, accessibility_label: 'This answer was wrong or unhelpful', value: `down ${channel}` },
      },
    ],
  };
}

/** Remembers what an answer message answered, so a thumbs-down's reason can name it. */
export async function rememberAnswer(ctx: SlackContext, channelId: string, ts: string, record: AnsweredRecord): Promise<void> {
  const kept = { ...record, answer: record.answer.slice(0, ANSWER_KEPT_CHARS) };
  await ctx.store.setState(answerKey(channelId, ts), kept, ANSWER_TTL_MS).catch((error: unknown) => {
    // Losing this only loses the reason's link to the answer, never the answer.
    ctx.logger.warn({ err: error }, 'slack could not remember an answer for feedback');
  });
}

/**
 * A vote is counted once per person per answer. A thumbs-down then opens a short modal asking
 * what was wrong; the reason goes to the engine with the question and answer it judged, which
 * keeps it for the channel's next pass and marks the prepared answer it came from for review.
 */
export function registerFeedback(app: App, ctx: SlackContext): void {
  app.action(ACTION, async ({ ack, action, body, respond, client }) => {
    await ack();
    const [vote, channel] = ((action as { value?: string }).value ?? '').split(' ');
    // Only this workspace's channels: the value comes back from the client and is not trusted further.
    if ((vote !== 'up' && vote !== 'down') || !channel?.startsWith(`slack:${ctx.identity.teamId}:`)) return;
    const message = (body as { message?: { ts?: string }; container?: { message_ts?: string; channel_id?: string } });
    const messageTs = message.message?.ts ?? message.container?.message_ts ?? 'unknown';
    const first = await ctx.store.setIfAbsent(`slack:feedback:${channel}:${messageTs}:${body.user.id}`, vote, VOTE_TTL_MS);
    if (first) {
      await ctx.engine.recordFeedback(channel, vote);
      ctx.logger.info({ channel, vote }, 'slack feedback recorded');
    }
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (vote === 'down' && first && triggerId) {
      const metadata = JSON.stringify({ channel: message.container?.channel_id, ts: messageTs });
      try {
        await client.views.open({ trigger_id: triggerId, view: reasonModal(metadata) });
        return;
      } catch (error) {
        // The trigger lives 3 seconds; past it, the vote still counts and the thanks still go out.
        ctx.logger.warn({ err: error }, 'slack feedback modal could not open');
      }
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text: 'Thanks, noted.' });
  });

  app.view(REASON_VIEW, async ({ ack, view, body }) => {
    await ack();
    const { channel, ts } = JSON.parse(view.private_metadata || '{}') as { channel?: string; ts?: string };
    const reason = view.state.values.reason?.reason?.value?.trim() ?? '';
    if (!channel || !ts || !reason) return;
    const record = await ctx.store.getState<AnsweredRecord>(answerKey(channel, ts));
    if (!record) {
      ctx.logger.info({ channel }, 'slack feedback reason for an answer no longer remembered');
      return;
    }
    await ctx.engine.recordFeedbackReason({
      channel: record.askedIn, question: record.question, answer: record.answer, reason, answerId: ts, user: body.user.id, prepared: record.prepared,
    });
  });
}

function reasonModal(metadata: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: REASON_VIEW,
    private_metadata: metadata,
    title: { type: 'plain_text', text: 'What was wrong?' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'Tell Mull what was wrong, so its next pass over the channel can fix it' },
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 500 },
      },
    ],
  };
}

import type { types } from '@slack/bolt';
import type { Citation } from '../../core/engine.js';
import { asMullError } from '../../core/errors.js';
import type { ChannelKey } from '../../core/ids.js';
import { slackChannelKey } from './channels.js';
import { DraftMessage } from './draft-message.js';
import { rememberAnswer } from './feedback.js';
import { formatAnswer } from './format-answer.js';
import { NativeStream } from './native-stream.js';
import type { SlackContext } from './slack-context.js';
import { markTagged } from './tagged-threads.js';
import { questionText, slackDirectory } from './to-message.js';

/** A message somebody wants answered, and where the answer may look. */
export interface Question {
  /** Slack channel id the question was asked in. */
  channel: string;
  /** The question message's ts. */
  ts: string;
  /** Thread to answer in; undefined answers at the top level (a DM asked outside a thread). */
  threadTs?: string;
  user: string;
  /** Raw Slack text, mentions and all. */
  text: string;
  /** The channels the answer may draw on; a function when finding out takes Slack calls (DMs). */
  scope: ChannelKey[] | (() => Promise<ChannelKey[]>);
  /** Name the channels the answer drew on (DMs). */
  nameChannels: boolean;
  /** Only the asker sees the exchange (a DM): the question is not logged for any channel's pass. */
  private: boolean;
  /** A mention in a channel (not a DM, not a follow-up): the thread is remembered as tagged. */
  tags?: boolean;
}

/**
 * Answers one question: an :eyes: reaction straight away (people see it is working within a
 * second, while the engine thinks), then the engine's answer posted in the thread, split under
 * Slack's limits, with sources and feedback buttons; the reaction comes off at the end.
 */
export async function answerQuestion(ctx: SlackContext, question: Question): Promise<void> {
  const askedIn = slackChannelKey(ctx.identity.teamId, question.channel);
  const working = react(ctx, 'add', question);
  // The channel may ask for answers only the asker sees: ephemeral, in the thread, never streamed.
  const onlyAsker = !question.private && (await ctx.engine.channelSettings(askedIn)).answers === 'asker';
  const post = (text: string, blocks?: types.KnownBlock[]) =>
    onlyAsker
      ? ctx.client.chat.postEphemeral({ channel: question.channel, user: question.user, thread_ts: question.threadTs, text, ...(blocks ? { blocks } : {}) })
      : ctx.client.chat.postMessage({
      channel: question.channel,
      thread_ts: question.threadTs,
      text,
      ...(blocks ? { blocks } : {}),
      // Permalinks in the sources would otherwise unfurl into large previews of the cited messages.
      unfurl_links: false,
      unfurl_media: false,
    });
  // Answers the model writes now stream (natively in a thread, else into a draft message); cached ones arrive whole.
  const draft = new DraftMessage(ctx, { channel: question.channel, threadTs: question.threadTs });
  const native = !onlyAsker && NativeStream.available(ctx, question.threadTs)
    ? new NativeStream(ctx, { channel: question.channel, threadTs: question.threadTs, user: question.user })
    : undefined;
  const progress = (partial: string) => (native && !native.refused ? native.update(partial) : draft.update(partial));
  try {
    await ctx.users.prime([{ text: question.text }]);
    const text = questionText(question.text, ctx.identity.botUserId, slackDirectory(ctx.users, ctx.channels));
    if (text === '') {
      await post('Ask me something about this channel, e.g. “what did we decide about the launch date?”');
      return;
    }
    // Resolved after the :eyes: reaction is on its way: a DM's access check pages through Slack.
    const scope = typeof question.scope === 'function' ? await question.scope() : question.scope;
    const answer = await ctx.engine.ask({
      asker: question.user,
      askedIn,
      scope,
      question: text,
      questionMessageId: question.ts,
      private: question.private,
      onPartial: onlyAsker ? undefined : progress,
    });
    const threads = threadRoots(answer.citations);
    const replies = formatAnswer(answer, {
      workspaceUrl: ctx.identity.url,
      scope,
      nameChannels: question.nameChannels,
      maxChars: ctx.options.maxMessageChars,
      maxCitations: ctx.options.maxCitations,
      threadOf: (citation) => threads.get(`${citation.channel}/${citation.messageId}`),
      feedbackChannel: askedIn,
    });
    const [first, ...rest] = replies;
    let lastTs: string | undefined;
    // Natively streamed: the stream carries the whole Markdown answer (up to 12,000 characters)
    // with the context line, sources and feedback under it; else the draft or posts, split.
    const streamed = native && first ? await native.finish(answer.text.trim(), replies.at(-1)!.blocks!.slice(1), first) : undefined;
    if (streamed) lastTs = streamed.ts;
    else if (first) lastTs = (await draft.finish(first.text, first.blocks)) ? draft.ts : posted(await post(first.text, first.blocks));
    for (const reply of streamed?.whole ? [] : rest) lastTs = posted(await post(reply.text, reply.blocks));
    if (lastTs) await rememberAnswer(ctx, question.channel, lastTs, { askedIn, question: text, answer: answer.text, prepared: answer.prepared });
    if (question.tags && question.threadTs) await markTagged(ctx, question.channel, question.threadTs);
    ctx.logger.info(
      { channel: askedIn, path: answer.path, citations: answer.citations.length, messages: replies.length, latencyMs: answer.latencyMs },
      'slack answered',
    );
  } catch (error) {
    const coded = asMullError(error);
    ctx.logger.error({ err: error, code: coded.code, channel: askedIn }, 'slack answer failed');
    const sorry = `Sorry, I could not work that out just now (${coded.code}). Try again in a minute.`;
    // A half-written draft must not stay up looking like an answer.
    if (!(await draft.finish(sorry).catch(() => false))) await post(sorry).catch(() => {});
  } finally {
    await working;
    await react(ctx, 'remove', question);
  }
}

async function react(ctx: SlackContext, op: 'add' | 'remove', question: Question): Promise<void> {
  try {
    const args = { channel: question.channel, timestamp: question.ts, name: ctx.options.workingReaction };
    if (op === 'add') await ctx.client.reactions.add(args);
    else await ctx.client.reactions.remove(args);
  } catch (error) {
    // A missing reactions:write scope or an already-present reaction must not cost the answer.
    ctx.logger.debug({ err: error, op }, 'slack reaction failed');
  }
}

/** The ts of what chat.postMessage (`ts`) or chat.postEphemeral (`message_ts`) posted. */
function posted(result: { ts?: string; message_ts?: string }): string | undefined {
  return result.ts ?? result.message_ts;
}

/** Thread roots of cited replies (the engine reports them), so their permalinks open the thread. */
function threadRoots(citations: readonly Citation[]): Map<string, string> {
  const roots = new Map<string, string>();
  for (const citation of citations) {
    if (citation.threadId) roots.set(`${citation.channel}/${citation.messageId}`, citation.threadId);
  }
  return roots;
}

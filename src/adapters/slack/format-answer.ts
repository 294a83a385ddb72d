import type { types } from '@slack/bolt';
import type { Answer, Citation } from '../../core/engine.js';
import { parseChannelKey, type ChannelKey } from '../../core/ids.js';
import { feedbackBlock } from './feedback.js';
import { escapeText, markdownToMrkdwn } from './mrkdwn.js';
import { buildPermalink } from './permalinks.js';
import { splitMessage } from './split-message.js';

/** One chat.postMessage worth of content. */
export interface SlackReply {
  text: string;
  blocks?: types.KnownBlock[];
}

export interface AnswerFormatOptions {
  /** `https://<domain>.slack.com/` from auth.test, for permalinks. */
  workspaceUrl: string;
  /** The scope the answer was asked with: citations and channel names outside it are never shown. */
  scope: ChannelKey[];
  /** Say which channels the answer drew on (DM answers). */
  nameChannels: boolean;
  /** @unit characters */
  maxChars: number;
  maxCitations: number;
  /** Thread root ts of a cited message, where known, so its link opens the thread. */
  threadOf?: (citation: Citation) => string | undefined;
  /** Where 👍/👎 on this answer count (the channel it was asked in). Omit for no buttons. */
  feedbackChannel?: ChannelKey;
}

/**
 * An engine answer as Slack messages: the Markdown body converted to mrkdwn and split under the
 * limit; the last message also carries, in blocks, the body (a section holds 3,000 characters),
 * a context line (thought out in advance, or just now), the channels used, the sources as
 * permalinks, and the feedback buttons. Earlier messages are plain text.
 */
export function formatAnswer(answer: Answer, options: AnswerFormatOptions): SlackReply[] {
  const body = markdownToMrkdwn(answer.text.trim() || answer.notice || '…');
  const chunks = splitMessage(body, options.maxChars);
  const replies: SlackReply[] = chunks.map((text) => ({ text }));
  const last = replies[replies.length - 1];
  const context: types.ContextBlock['elements'] = [{ type: 'mrkdwn', text: contextLine(answer, options) }];
  const sources = sourcesLine(answer.citations, options);
  if (sources) context.push({ type: 'mrkdwn', text: sources });
  if (answer.notice && answer.text.trim()) context.push({ type: 'mrkdwn', text: `_${escapeText(answer.notice)}_` });
  last.blocks = [
    { type: 'section', text: { type: 'mrkdwn', text: last.text } },
    { type: 'context', elements: context },
  ];
  if (options.feedbackChannel) last.blocks.push(feedbackBlock(options.feedbackChannel));
  return replies;
}

/** "Thought out in advance on <date>" for the cached and verified paths, "Worked out just now" otherwise. */
export function contextLine(answer: Answer, options: Pick<AnswerFormatOptions, 'scope' | 'nameChannels'>): string {
  const checked = answer.path === 'verified' ? ', checked just now' : '';
  let line =
    (answer.path === 'cached' || answer.path === 'verified') && answer.thoughtAt !== undefined
      ? `:brain: Thought out in advance ${slackDate(answer.thoughtAt)}${checked}`
      : ':zap: Worked out just now';
  if (options.nameChannels) {
    const named = answer.channelsUsed
      .filter((key) => options.scope.includes(key))
      .map((key) => parseChannelKey(key).channel)
      // A DM (D…) is the conversation the answer is posted in; naming it says nothing.
      .filter((id) => !id.startsWith('D'))
      .map((id) => `<#${id}>`);
    line += named.length > 0 ? ` · from ${named.join(', ')}` : ' · from none of your channels';
  }
  return line;
}

function sourcesLine(citations: Citation[], options: AnswerFormatOptions): string | undefined {
  const links = citations
    // Defence in depth: the engine never cites outside the scope, and the adapter never links outside it.
    .filter((citation) => options.scope.includes(citation.channel))
    .slice(0, options.maxCitations)
    .map((citation, index) => {
      const channelId = parseChannelKey(citation.channel).channel;
      const url = buildPermalink(options.workspaceUrl, channelId, citation.messageId, options.threadOf?.(citation));
      const who = citation.userName ? ` ${citation.userName}` : '';
      return `<${url}|[${index + 1}]${label(who)}>`;
    });
  return links.length > 0 ? `Sources: ${links.join(' ')}` : undefined;
}

/** Link labels end at `>` and may not contain `|`. */
function label(text: string): string {
  return escapeText(text).replace(/\|/g, '¦');
}

/**
 * `<!date^…>` renders in each reader's own time zone; the fallback (UTC) is for clients that cannot.
 * @see https://docs.slack.dev/messaging/formatting-message-text#date-formatting
 */
function slackDate(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  const fallback = `on ${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${seconds}^on {date_short_pretty} at {time}|${fallback}>`;
}

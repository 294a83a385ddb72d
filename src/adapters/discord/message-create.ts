import type { Message } from 'discord.js';
import type { ChannelKey } from '../../core/ids.js';
import type { DiscordContext } from './context.js';
import { placeOf, toCoreChannel } from './channels.js';
import { firstDelivery } from './dedup.js';
import { answerDm } from './dms.js';
import { guildChannelKey } from './keys.js';
import { answerMention } from './mentions.js';
import { isFromBot, isHistoryMessage, toStoredMessage } from './messages.js';
import { mentionsBot } from './question.js';
import { isQuestionLike } from '../../context/text.js';

/** Work left after a message is stored: answering it, which must not hold up the channel's next events. */
export type FollowUp = () => Promise<void>;

/**
 * Every new message: guild messages go to the engine as history; an @mention of the bot also gets
 * an answer; a DM gets an answer. The bot's own messages, and other bots' unless allowed, are
 * skipped. Each message is handled once, however often the gateway delivers it. Storing happens
 * here, in the channel's order of events; the answer is returned as a follow-up to run beside it.
 */
export async function onMessageCreate(ctx: DiscordContext, message: Message): Promise<FollowUp | undefined> {
  const botId = ctx.client.user.id;
  if (message.author.id === botId) return undefined;
  // Other bots are never answered, whatever ignoreBots says (it only decides whether their
  // messages count as history): two bots answering each other's mentions would loop.
  const fromBot = isFromBot(message);

  if (!message.inGuild()) {
    if (fromBot || !(await firstDelivery(ctx, 'create', message.id))) return undefined;
    return () => answerDm(ctx, message);
  }

  const place = placeOf(message.channel);
  const history = place !== undefined && isHistoryMessage(message, { botId, ignoreBots: ctx.options.ignoreBots });
  const mentioned = !fromBot && mentionsBot(message, botId);
  if (!history && !mentioned) return undefined;
  if (!(await firstDelivery(ctx, 'create', message.id))) {
    ctx.logger.debug({ message: message.id }, 'discord: message delivered again; already handled');
    return undefined;
  }
  if (place && history) {
    await ctx.engine.ingest({ type: 'message', channel: toCoreChannel(place.channel), message: toStoredMessage(message, place) });
  }
  if (mentioned) {
    // A mention inside a thread tags it: with `/mull settings threads`, later questions there are answered too.
    if (message.channel.isThread()) await ctx.store.setState(taggedKey(message.channel.id), true, TAGGED_TTL_MS);
    return () => answerMention(ctx, message, askedInKey(message));
  }
  return (await isFollowUp(ctx, message, fromBot)) ? () => answerMention(ctx, message, askedInKey(message)) : undefined;
}

/** A thread stays tagged this long after its last mention of Mull. @unit milliseconds */
const TAGGED_TTL_MS = 7 * 86_400_000;
const taggedKey = (threadId: string) => `discord:tagged-thread:${threadId}`;

/** A question in a thread Mull was mentioned in, where the channel lets it answer without a new mention. */
async function isFollowUp(ctx: DiscordContext, message: Message<true>, fromBot: boolean): Promise<boolean> {
  if (fromBot || !message.channel.isThread() || !isQuestionLike(message.content)) return false;
  if (!(await ctx.store.getState<boolean>(taggedKey(message.channel.id)))) return false;
  return (await ctx.engine.channelSettings(askedInKey(message))).threadFollowUps;
}

/**
 * The channel a question in a guild is asked in, in Mull's terms: a thread counts as its parent
 * (thread messages are filed there, and a thread's readers can all read its parent).
 */
function askedInKey(message: Message<true>): ChannelKey {
  const channel = message.channel;
  const id = channel.isThread() ? (channel.parentId ?? channel.id) : channel.id;
  return guildChannelKey(message.guildId, id);
}

import { Assistant } from '@slack/bolt';
import { claimAnswer } from './dedupe.js';
import { answerQuestion } from './reply.js';
import type { SlackContext } from './slack-context.js';
import type { SlackMessageEvent } from './to-message.js';

/** Suggested prompts Slack shows at most. */
const MAX_PROMPTS = 4;
/** A prompt's title is short; the whole question is the message it sends. @unit characters */
const PROMPT_TITLE_CHARS = 60;
const TITLE_CHARS = 80;

const LOADING = ['Looking through what I worked out overnight…', 'Checking the channels you can read…', 'Writing it up…'];

/**
 * The assistant side panel (Bolt's Assistant class). A new thread is offered, as suggested
 * prompts, the questions Mull expects most in the channels the user can read now: scoped exactly
 * as a DM answer is (DmAccess), so no prompt can reveal a channel the user cannot see. Each
 * question gets the thread's title, a loading status while Mull works, and the answer as in a DM.
 * The panel is a DM with Mull: nothing said there is stored as channel history.
 * @see https://docs.slack.dev/ai/developing-ai-apps
 */
export function createAssistantPanel(ctx: SlackContext): Assistant {
  return new Assistant({
    threadStarted: async ({ event, say, setSuggestedPrompts }) => {
      const { user_id: user, channel_id: channel } = event.assistant_thread;
      const scope = await ctx.access.scopeForDm(user, channel);
      const expected = await ctx.engine.expectedQuestions(scope, MAX_PROMPTS);
      await say(
        expected.length > 0
          ? 'Hi! Here is what people are likely to ask in your channels; I have the answers ready. Or ask me anything.'
          : 'Hi! Ask me about the channels you are in; I answer only from those.',
      );
      if (expected.length > 0) {
        await setSuggestedPrompts({
          title: 'Mull has these ready',
          prompts: expected.map(({ question }) => ({ title: clip(question, PROMPT_TITLE_CHARS), message: question })),
        });
      }
      ctx.logger.info({ prompts: expected.length }, 'slack assistant thread started');
    },
    userMessage: async ({ message, setStatus, setTitle }) => {
      const e = message as unknown as SlackMessageEvent;
      if (!e.user || e.bot_id || !e.thread_ts || !e.text) return;
      const claim = { teamId: ctx.identity.teamId, channel: e.channel, ts: e.ts, clientMsgId: e.client_msg_id };
      if (!(await claimAnswer(ctx.store, claim, ctx.options.dedupeTtlMs))) return;
      const user = e.user;
      await Promise.all([
        setTitle(clip(e.text, TITLE_CHARS)).catch((error: unknown) => ctx.logger.debug({ err: error }, 'slack setTitle failed')),
        setStatus({ status: 'is thinking…', loading_messages: LOADING }).catch((error: unknown) => ctx.logger.debug({ err: error }, 'slack setStatus failed')),
      ]);
      await ctx.tasks.run('answer', () =>
        answerQuestion(ctx, {
          channel: e.channel, ts: e.ts, threadTs: e.thread_ts, user, text: e.text ?? '',
          scope: () => ctx.access.scopeForDm(user, e.channel), nameChannels: true, private: true,
        }),
      );
    },
  });
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

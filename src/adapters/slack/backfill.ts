import type { webApi } from '@slack/bolt';
import type { Channel, StoredMessage } from '../../core/types.js';
import type { SlackConversation } from './channels.js';
import { takeLease, type Lease } from './backfill-lease.js';
import { withRetryAfter } from './rate-limit.js';
import type { SlackContext } from './slack-context.js';
import { slackDirectory, toStoredMessage, type SlackRawMessage } from './to-message.js';

/** Where a conversation's backfill stands, kept in store state so a restart resumes, not restarts. */
export interface BackfillState {
  /** Newest ts the last completed run saw; the next run reads only after it. */
  watermark?: string;
  /** A run in progress: the query it pages through (`oldest`) and the page it stopped before. */
  run?: { oldest?: string; cursor?: string; newest?: string; fetched: number };
}


export function backfillStateKey(channel: Channel): string {
  return `slack:backfill:${channel.key}`;
}

/**
 * History of the conversations Mull is in, read page by page (`conversations.history`, then
 * `conversations.replies` for each thread on the page) and handed to the engine in batches. After
 * each page the cursor is saved; a restart continues from it, and a finished run leaves a watermark
 * so the next start reads only what was said while Mull was away. 429s are waited out per
 * Retry-After on a client of its own (see rate-limit.ts), so backfill never delays an answer.
 * @see https://docs.slack.dev/reference/methods/conversations.history
 * @see https://docs.slack.dev/reference/methods/conversations.replies
 */
export class Backfill {
  constructor(
    private readonly ctx: SlackContext,
    /** A WebClient with `rejectRateLimitedCalls: true`. */
    private readonly client: webApi.WebClient,
    private readonly signal: AbortSignal,
    /**
     * The client for author look-ups: it waits out its own 429s, and being a separate client, a
     * long backfill's users.info limit never pauses the client that answers people.
     */
    private readonly lookups: webApi.WebClient,
  ) {}

  /** Every conversation the bot is a member of, one after another. */
  async all(): Promise<void> {
    try {
      await this.#all();
    } catch (error) {
      if (!this.signal.aborted) throw error;
    }
  }

  async #all(): Promise<void> {
    const conversations: Array<SlackConversation & { id: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await this.#call('users.conversations', undefined, () =>
        this.client.users.conversations({ types: 'public_channel,private_channel,mpim', exclude_archived: true, limit: 200, cursor }),
      );
      for (const c of page.channels ?? []) if (c.id) conversations.push({ ...(c as SlackConversation), id: c.id });
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    this.ctx.logger.info({ conversations: conversations.length }, 'slack backfill starting');
    for (const conversation of conversations) {
      if (this.signal.aborted) return;
      await this.conversation(conversation);
    }
  }

  /** One conversation, by id (the bot just joined it). */
  async conversationById(channelId: string): Promise<void> {
    const info = await this.#call('conversations.info', channelId, () => this.client.conversations.info({ channel: channelId }));
    await this.conversation({ ...(info.channel as SlackConversation | undefined), id: channelId });
  }

  /** One conversation; failures are logged, not thrown, so one bad channel does not stop the rest. */
  async conversation(conversation: SlackConversation & { id: string }): Promise<void> {
    const channel = await this.ctx.channels.adopt(conversation);
    // Held while this instance backfills the conversation, so instances sharing a store do not
    // duplicate it; renewed while it runs, since under Slack's limits a backfill can take hours.
    const lease = await takeLease(this.ctx.store, `slack:backfill-lock:${channel.key}`, this.ctx.options.backfillLeaseMs, this.ctx.logger);
    if (!lease) {
      this.ctx.logger.info({ channel: channel.key }, 'slack backfill already running elsewhere');
      return;
    }
    try {
      await this.#pages(channel, lease);
    } catch (error) {
      if (this.signal.aborted) return;
      this.ctx.logger.warn({ err: error, channel: channel.key }, 'slack backfill stopped; it resumes from its cursor next time');
    } finally {
      await lease.release();
    }
  }

  async #pages(channel: Channel, lease: Lease): Promise<void> {
    const { store, logger, options } = this.ctx;
    const stateKey = backfillStateKey(channel);
    const state = (await store.getState<BackfillState>(stateKey)) ?? {};
    const run = state.run ?? { oldest: state.watermark, fetched: 0 };
    logger.info({ channel: channel.key, resumed: Boolean(state.run), fetched: run.fetched }, 'slack backfill channel');
    for (;;) {
      if (this.signal.aborted) return;
      if (!lease.held) {
        // Its cursor is saved: whoever holds the lease now continues from this page.
        logger.warn({ channel: channel.key, fetched: run.fetched }, 'slack backfill handed over to another instance');
        return;
      }
      const page = await this.#call('conversations.history', channel.id, () =>
        this.client.conversations.history({ channel: channel.id, cursor: run.cursor, oldest: run.oldest, limit: options.backfillPageSize }),
      );
      const top = (page.messages ?? []) as SlackRawMessage[];
      // History comes newest first: the first message of the first page is the next watermark.
      run.newest ??= top[0]?.ts;
      const added = await this.#ingest(channel, [...top, ...(await this.#replies(channel, top))]);
      run.fetched += top.length;
      run.cursor = (page.has_more && page.response_metadata?.next_cursor) || undefined;
      if (!run.cursor || run.fetched >= options.backfillMaxMessages) {
        await store.setState<BackfillState>(stateKey, { watermark: run.newest ?? state.watermark });
        logger.info({ channel: channel.key, fetched: run.fetched, added }, 'slack backfill channel done');
        return;
      }
      await store.setState<BackfillState>(stateKey, { watermark: state.watermark, run });
      logger.info({ channel: channel.key, fetched: run.fetched, added }, 'slack backfill progress');
    }
  }

  /** Replies of every thread started on this page (the root itself is already in the page). */
  async #replies(channel: Channel, top: SlackRawMessage[]): Promise<SlackRawMessage[]> {
    const replies: SlackRawMessage[] = [];
    for (const root of top) {
      if (!root.reply_count || (root.thread_ts && root.thread_ts !== root.ts)) continue;
      let cursor: string | undefined;
      do {
        const page = await this.#call('conversations.replies', channel.id, () =>
          this.client.conversations.replies({ channel: channel.id, ts: root.ts, cursor, limit: this.ctx.options.backfillPageSize }),
        );
        for (const reply of (page.messages ?? []) as SlackRawMessage[]) if (reply.ts !== root.ts) replies.push(reply);
        cursor = (page.has_more && page.response_metadata?.next_cursor) || undefined;
      } while (cursor);
    }
    return replies;
  }

  async #ingest(channel: Channel, raw: SlackRawMessage[]): Promise<number> {
    const { identity, options, users } = this.ctx;
    await users.prime(raw, this.lookups);
    const directory = slackDirectory(users, this.ctx.channels);
    const messages: StoredMessage[] = [];
    for (const m of raw) {
      if (m.user === identity.botUserId || m.bot_id === identity.botId) continue;
      const message = toStoredMessage(m, directory);
      if (!message || (message.bot && options.ignoreBots)) continue;
      messages.push(message);
    }
    if (messages.length === 0) return 0;
    return (await this.ctx.engine.ingestHistory(channel, messages)).added;
  }

  #call<T>(method: string, channel: string | undefined, call: () => Promise<T>): Promise<T> {
    return withRetryAfter(call, { method, channel, logger: this.ctx.logger, signal: this.signal });
  }
}

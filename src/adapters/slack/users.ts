import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

interface KnownUser {
  name?: string;
  isBot: boolean;
  fetchedAt: number;
}

/** Names change rarely; an hour keeps renames visible without a users.info call per message. */
const USER_TTL_MS = 3_600_000;
const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/**
 * Display names for authors and `<@U…>` mentions, so stored text reads "@alice" and citations name
 * people. Looked up with `users.info` (scope users:read); a failed lookup leaves the id in place.
 * @see https://docs.slack.dev/reference/methods/users.info
 */
export class UserDirectory {
  readonly #known = new Map<string, KnownUser>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  name(id: string): string | undefined {
    return this.#known.get(id)?.name;
  }

  isBot(id: string): boolean {
    return this.#known.get(id)?.isBot ?? false;
  }

  /**
   * Looks up, in parallel, every author and mentioned user of these messages not known yet.
   * `via` names another client: backfill's own, so its 429s pause its queue, not the answers'.
   */
  async prime(messages: Array<{ user?: string | null; text?: string | null }>, via: webApi.WebClient = this.client): Promise<void> {
    const ids = new Set<string>();
    for (const message of messages) {
      if (message.user) ids.add(message.user);
      for (const match of (message.text ?? '').matchAll(MENTION)) ids.add(match[1]);
    }
    const now = Date.now();
    const missing = [...ids].filter((id) => {
      const known = this.#known.get(id);
      return !known || now - known.fetchedAt > USER_TTL_MS;
    });
    await Promise.all(missing.map((id) => this.#fetch(id, via)));
  }

  async #fetch(id: string, client: webApi.WebClient): Promise<void> {
    try {
      const { user } = await client.users.info({ user: id });
      const name = user?.profile?.display_name || user?.real_name || user?.name || undefined;
      this.#known.set(id, { name, isBot: Boolean(user?.is_bot), fetchedAt: Date.now() });
    } catch (error) {
      // Deleted users, missing users:read scope: remember the miss briefly rather than retrying per message.
      this.logger.debug({ err: error, user: id }, 'slack users.info failed');
      this.#known.set(id, { isBot: false, fetchedAt: Date.now() });
    }
  }
}

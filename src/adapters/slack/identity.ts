import type { webApi } from '@slack/bolt';
import { ErrorCode, MullError } from '../../core/errors.js';

/** Who Mull is in the workspace its bot token belongs to (one token: one workspace). */
export interface SlackIdentity {
  teamId: string;
  teamName: string;
  /** The bot's user id (`U…`): what `<@…>` mentions and `event.user` carry. */
  botUserId: string;
  /** The bot's bot id (`B…`): what `bot_id` carries on its own messages. */
  botId: string;
  /** Workspace URL, `https://<domain>.slack.com/`: the base of message permalinks. */
  url: string;
}

/**
 * One `auth.test` at start-up gives everything above, including the workspace URL the permalinks
 * are built from (no `chat.getPermalink` call per citation).
 * @see https://docs.slack.dev/reference/methods/auth.test
 */
export async function fetchIdentity(client: webApi.WebClient): Promise<SlackIdentity> {
  let result: webApi.AuthTestResponse;
  try {
    result = await client.auth.test();
  } catch (error) {
    throw new MullError(ErrorCode.Adapter, 'slack: auth.test failed; check the bot token and API URL', { cause: error });
  }
  const { team_id: teamId, user_id: botUserId, bot_id: botId, url } = result;
  if (!teamId || !botUserId || !botId || !url) {
    throw new MullError(ErrorCode.Adapter, 'slack: auth.test did not describe a bot user; is this a bot token (xoxb-)?');
  }
  return { teamId, teamName: result.team ?? teamId, botUserId, botId, url: url.endsWith('/') ? url : `${url}/` };
}

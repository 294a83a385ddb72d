import { ErrorCode, MullError } from '../../core/errors.js';
/**
 * One `auth.test` at start-up gives everything above, including the workspace URL the permalinks
 * are built from (no `chat.getPermalink` call per citation).
 * @see https://docs.slack.dev/reference/methods/auth.test
 */
export async function fetchIdentity(client) {
    let result;
    try {
        result = await client.auth.test();
    }
    catch (error) {
        throw new MullError(ErrorCode.Adapter, 'slack: auth.test failed; check the bot token and API URL', { cause: error });
    }
    const { team_id: teamId, user_id: botUserId, bot_id: botId, url } = result;
    if (!teamId || !botUserId || !botId || !url) {
        throw new MullError(ErrorCode.Adapter, 'slack: auth.test did not describe a bot user; is this a bot token (xoxb-)?');
    }
    return { teamId, teamName: result.team ?? teamId, botUserId, botId, url: url.endsWith('/') ? url : `${url}/` };
}

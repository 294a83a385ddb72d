import { z } from 'zod';

/**
 * The parts of a Slack workspace export Mull reads, validated before anything is written from a
 * file. Fields Slack leaves out or sets to null vary between export versions, hence `nullish`;
 * unknown fields (blocks, reactions, user_profile avatars) are dropped.
 * @see https://slack.com/help/articles/220556107-How-to-read-Slack-data-exports
 */

const text = z.string().nullish();

export const SlackUserSchema = z.object({
  id: z.string().min(1),
  team_id: text,
  name: text,
  real_name: text,
  deleted: z.boolean().nullish(),
  is_bot: z.boolean().nullish(),
  profile: z
    .object({ display_name: text, real_name: text, bot_id: text })
    .nullish(),
});
export type SlackUser = z.infer<typeof SlackUserSchema>;

/** channels.json and groups.json (private channels); mpims.json adds group DMs in the same shape. */
export const SlackChannelSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  members: z.array(z.string()).nullish(),
  is_archived: z.boolean().nullish(),
});
export type SlackChannel = z.infer<typeof SlackChannelSchema>;

/** dms.json: direct messages have no name, only the two members; their folder is named by id. */
export const SlackDmSchema = z.object({
  id: z.string().min(1),
  members: z.array(z.string()).nullish(),
});
export type SlackDm = z.infer<typeof SlackDmSchema>;

/** Slack `ts` strings: seconds, a dot, microseconds ("1700000000.000100"). */
const slackTs = z.string().regex(/^\d+(\.\d+)?$/, 'expected a Slack ts like "1700000000.000100"');

export const SlackFileSchema = z.object({ name: text, title: text });

export const SlackAttachmentSchema = z.object({
  fallback: text,
  pretext: text,
  title: text,
  text: text,
});

export const SlackMessageSchema = z.object({
  type: text,
  subtype: text,
  ts: slackTs,
  user: text,
  bot_id: text,
  /** Bot messages name their sender here instead of in users.json. */
  username: text,
  text: text,
  thread_ts: slackTs.nullish(),
  edited: z.object({ user: text, ts: slackTs }).nullish(),
  files: z.array(SlackFileSchema).nullish(),
  attachments: z.array(SlackAttachmentSchema).nullish(),
  team: text,
  user_team: text,
  user_profile: z.object({ display_name: text, real_name: text, name: text }).nullish(),
  bot_profile: z.object({ name: text }).nullish(),
  /** Legacy `file_comment` messages name their author here, not in `user`. */
  comment: z.object({ user: text }).nullish(),
  /** `bot_add` notices: `<https://x.slack.com/services/B1|name>`, the integration's name. */
  bot_link: text,
});
export type SlackMessage = z.infer<typeof SlackMessageSchema>;

export const SlackDayFileSchema = z.array(SlackMessageSchema);
export const SlackUsersFileSchema = z.array(SlackUserSchema);
export const SlackChannelsFileSchema = z.array(SlackChannelSchema);
export const SlackDmsFileSchema = z.array(SlackDmSchema);

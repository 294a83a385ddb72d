import { z } from 'zod';
import { channelKey } from '../core/ids.js';
import type { Channel, StoredMessage, Workspace } from '../core/types.js';
import type { Coverage } from './missing-messages.js';
import { validateJson } from './parse-json-file.js';

/**
 * Reads a DiscordChatExporter (DCE) JSON export: one file per channel or thread, `{ guild,
 * channel, messages }`. A thread is exported as its own file whose `category`/`categoryId` name the
 * parent channel, so it becomes its own channel here; replies (`reference`) are plain messages.
 * @see https://github.com/Tyrrrz/DiscordChatExporter (JsonMessageWriter.cs)
 */

const text = z.string().nullish();
const timestamp = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'expected an ISO 8601 timestamp');

const DceUserSchema = z.object({ id: z.string().min(1), name: z.string(), nickname: text, isBot: z.boolean().nullish() });

const DceMessageSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  timestamp,
  timestampEdited: timestamp.nullish(),
  content: text,
  author: DceUserSchema,
  attachments: z.array(z.object({ fileName: text })).nullish(),
  embeds: z.array(z.object({ title: text, description: text })).nullish(),
  stickers: z.array(z.object({ name: text })).nullish(),
  mentions: z.array(DceUserSchema).nullish(),
  reference: z.object({ messageId: text, channelId: text, guildId: text }).nullish(),
});

export const DceExportSchema = z.object({
  guild: z.object({ id: z.string().min(1), name: z.string() }),
  channel: z.object({
    id: z.string().min(1),
    type: z.string(),
    categoryId: text,
    category: text,
    name: z.string(),
  }),
  messages: z.array(DceMessageSchema),
  /** When the export was made; older DCE versions leave it out. */
  exportedAt: timestamp.nullish(),
});
type DceExport = z.infer<typeof DceExportSchema>;
type DceMessage = z.infer<typeof DceMessageSchema>;

/**
 * DCE writes these message kinds for things that happened to the channel (joins, pins, renames,
 * calls); like Slack's notices they carry nothing said. Numbers are kinds DCE has no name for.
 * @see https://discord.com/developers/docs/resources/message#message-object-message-types
 */
export const SkippedDiscordKinds = {
  RecipientAdd: 'membership notice',
  RecipientRemove: 'membership notice',
  GuildMemberJoin: 'membership notice',
  Call: 'call notice',
  ChannelNameChange: 'channel rename/icon notice',
  ChannelIconChange: 'channel rename/icon notice',
  ChannelPinnedMessage: 'pin notice',
  ThreadCreated: 'thread created notice',
} as const satisfies Record<string, string>;

/** DCE's pseudo-guild for direct messages; Mull files DMs under the `@dm` workspace. */
const DCE_DM_GUILD = '0';

export interface DiscordExportRead {
  workspace: Workspace;
  channel: Channel;
  messages: StoredMessage[];
  /** Messages left out, counted by reason. */
  skipped: Map<string, number>;
}

/** Whether parsed JSON has the shape of a DCE export (checked before full validation). */
export function looksLikeDiscordExport(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'guild' in json && 'messages' in json && 'channel' in json;
}

/** Validates a whole parsed file, then maps it. `file` names the file in errors. */
export function readDiscordExport(json: unknown, file: string, coverage?: Coverage): DiscordExportRead {
  return mapDiscordExport(validateJson(json, file, DceExportSchema), coverage);
}

/** Validates a whole parsed file without mapping its messages (the checking phase). */
export function checkDiscordExport(json: unknown, file: string): DceExport {
  return validateJson(json, file, DceExportSchema);
}

/** Every message the export lists, kept or not, goes into `coverage`. */
export function mapDiscordExport(data: DceExport, coverage?: Coverage): DiscordExportRead {
  const { workspace, channel } = exportedChannel(data);
  return { workspace, channel, ...mapMessages(data, coverage) };
}

/** The workspace and channel an export is of (DMs under `@dm`). */
export function exportedChannel(data: DceExport): Pick<DiscordExportRead, 'workspace' | 'channel'> {
  const direct = data.channel.type === 'DirectTextChat' || data.channel.type === 'DirectGroupTextChat';
  const workspaceId = data.guild.id === DCE_DM_GUILD || direct ? '@dm' : data.guild.id;
  const workspace: Workspace = { platform: 'discord', id: workspaceId, name: data.guild.name };
  const channel: Channel = {
    key: channelKey({ platform: 'discord', workspace: workspaceId, channel: data.channel.id }),
    platform: 'discord',
    workspace: workspaceId,
    id: data.channel.id,
    name: data.channel.name,
    // An export says nothing about permission overwrites: guild channels count as readable by the
    // guild here, and the live adapter re-checks ViewChannel at the time of asking.
    isPrivate: direct || data.channel.type === 'GuildPrivateThread',
    isDm: direct,
  };
  return { workspace, channel };
}

function mapMessages(data: DceExport, coverage: Coverage | undefined): Pick<DiscordExportRead, 'messages' | 'skipped'> {
  const messages: StoredMessage[] = [];
  const skipped = new Map<string, number>();
  const count = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  for (const raw of data.messages) {
    coverage?.add(raw.id, Date.parse(raw.timestamp));
    const reason = skipReason(raw.type);
    if (reason) {
      count(`${raw.type}: ${reason}`);
      continue;
    }
    const body = messageText(raw);
    if (body === '') {
      count('empty message (no text, attachments or embeds)');
      continue;
    }
    const message: StoredMessage = {
      id: raw.id,
      ts: Date.parse(raw.timestamp),
      user: raw.author.id,
      userName: raw.author.nickname || raw.author.name,
      text: body,
    };
    if (raw.timestampEdited) message.editedTs = Date.parse(raw.timestampEdited);
    if (raw.author.isBot) message.bot = true;
    messages.push(message);
  }
  return { messages, skipped };
}

function skipReason(kind: string): string | undefined {
  if (kind in SkippedDiscordKinds) return SkippedDiscordKinds[kind as keyof typeof SkippedDiscordKinds];
  // Kinds 1-18 are system notifications; DCE prints a bare number for kinds newer than it knows.
  const numeric = Number(kind);
  if (Number.isInteger(numeric) && numeric >= 1 && numeric <= 18) return 'system notice';
  return undefined;
}

function messageText(raw: DceMessage): string {
  const parts: string[] = [];
  const content = renderMentions(raw.content ?? '', raw.mentions ?? []).trim();
  if (content !== '') parts.push(content);
  // Embed-only messages (bots, link cards with no text) would otherwise be empty.
  if (content === '') {
    for (const embed of raw.embeds ?? []) {
      const rendered = [embed.title, embed.description].filter((piece) => piece && piece.trim()).join('\n');
      if (rendered !== '') parts.push(rendered);
    }
  }
  for (const attachment of raw.attachments ?? []) parts.push(`[file: ${attachment.fileName || 'unnamed'}]`);
  for (const sticker of raw.stickers ?? []) parts.push(`[sticker: ${sticker.name || 'unnamed'}]`);
  return parts.join('\n');
}

/**
 * DCE renders mentions as `@name` by default; exports made with markdown formatting off keep
 * Discord's raw `<@id>`, `<@!id>`, `<@&role>`, `<#channel>` and `<:emoji:id>` syntax.
 */
function renderMentions(content: string, mentions: readonly z.infer<typeof DceUserSchema>[]): string {
  if (!content.includes('<')) return content;
  const names = new Map(mentions.map((user) => [user.id, user.nickname || user.name]));
  return content
    .replace(/<@!?(\d+)>/g, (_match, id: string) => `@${names.get(id) ?? id}`)
    .replace(/<@&(\d+)>/g, '@role')
    .replace(/<#(\d+)>/g, (_match, id: string) => `#${id}`)
    .replace(/<a?(:\w+:)\d+>/g, '$1');
}

import { basename } from 'node:path';
import type { z } from 'zod';
import { ImportError } from '../core/errors.js';
import { channelKey } from '../core/ids.js';
import type { Channel, StoredMessage, Workspace } from '../core/types.js';
import type { ExportSource } from './export-source.js';
import { parseJsonFile } from './parse-json-file.js';
import type { Coverage } from './missing-messages.js';
import { buildSlackDirectory, majorityTeamId, type ExportDirectory } from './slack-directory.js';
import { mapSlackMessage, type SlackDirectory } from './slack-message.js';
import {
  SlackChannelsFileSchema,
  SlackDayFileSchema,
  SlackDmsFileSchema,
  SlackUsersFileSchema,
  type SlackChannel,
  type SlackDm,
  type SlackMessage,
} from './slack-schema.js';

/**
 * Reads a Slack workspace export: users.json, channels.json (+ groups.json, dms.json, mpims.json
 * when the export includes private conversations) and one `<folder>/<YYYY-MM-DD>.json` array of
 * messages per channel and day. Public channels' folders are named after the channel, DMs' after
 * their id.
 * @see https://slack.com/help/articles/220556107-How-to-read-Slack-data-exports
 */

export interface SlackExportChannel {
  channel: Channel;
  /** Day files, oldest first, as paths in the source. */
  files: string[];
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface SlackExportIndex {
  workspace: Workspace;
  channels: SlackExportChannel[];
  directory: ExportDirectory;
  /** The metadata files read (users.json, channels.json…), as paths in the source. */
  metadataFiles: string[];
  /** Whole files left out, with why. */
  skippedFiles: SkippedFile[];
}

export interface SlackDayFile {
  messages: StoredMessage[];
  /** Messages left out, counted by reason. */
  skipped: Map<string, number>;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

type ConversationKind = 'public' | 'private' | 'mpim' | 'dm';
type Conversation = { kind: ConversationKind; meta: SlackChannel | SlackDm };

/** Reads and validates the export's metadata and lists its day files. Writes nothing. */
export async function readSlackExportIndex(
  source: ExportSource,
  options: {
    workspaceName?: string;
    /**
     * The workspace already holding any of these channel ids, for exports that carry no team id
     * (no users.json, old messages without `team`): the same export as a folder and as a zip must
     * land in one workspace.
     */
    workspaceForChannels?: (ids: ReadonlySet<string>) => Promise<string | undefined>;
  } = {},
): Promise<SlackExportIndex> {
  const root = findRoot(source);
  const metadataFiles: string[] = [];
  const read = <S extends z.ZodType>(name: string, schema: S) => {
    if (source.files().includes(root + name)) metadataFiles.push(root + name);
    return readOptional(source, root + name, schema);
  };
  const users = (await read('users.json', SlackUsersFileSchema)) ?? [];
  const listed = async (name: string, kind: ConversationKind) =>
    ((await read(name, SlackChannelsFileSchema)) ?? []).map((meta) => ({ kind, meta }));
  const conversations: Conversation[] = [
    ...(await listed('channels.json', 'public')),
    ...(await listed('groups.json', 'private')),
    ...(await listed('mpims.json', 'mpim')),
    ...((await read('dms.json', SlackDmsFileSchema)) ?? []).map((meta) => ({ kind: 'dm' as const, meta })),
  ];
  const directory = buildSlackDirectory(users, conversations.map((c) => c.meta));

  const { folders, skippedFiles } = listDayFiles(source, root);
  skippedFiles.push(...unsafeNames(source, root, conversations));
  const name = options.workspaceName ?? workspaceNameFrom(source.label);
  const teamId =
    majorityTeamId(users) ??
    (await teamIdFromMessages(source, folders)) ??
    (await options.workspaceForChannels?.(new Set(conversations.map((c) => c.meta.id)))) ??
    slug(name);
  const workspace: Workspace = { platform: 'slack', id: teamId, name };

  // Folders are named by channel name, DMs by id: index both ways.
  const byFolder = new Map<string, Conversation>();
  for (const conversation of conversations) {
    byFolder.set(conversation.kind === 'dm' ? conversation.meta.id : (conversation.meta as SlackChannel).name, conversation);
  }
  const channels: SlackExportChannel[] = [];
  for (const [folder, files] of folders) {
    const conversation = byFolder.get(folder);
    channels.push({ channel: toChannel(teamId, folder, conversation, directory), files });
  }
  return { workspace, channels, directory, skippedFiles, metadataFiles };
}

/** Reads and validates one day file whole; nothing is mapped. */
export async function readSlackDayRaw(source: ExportSource, path: string): Promise<SlackMessage[]> {
  return parseJsonFile(await source.read(path), source.describe(path), SlackDayFileSchema);
}

/**
 * Reads one day file, validating it whole before any message from it is used. Every message it
 * lists, kept or not, goes into `coverage`.
 */
export async function readSlackDayFile(source: ExportSource, path: string, directory: SlackDirectory, coverage?: Coverage): Promise<SlackDayFile> {
  const raw = await readSlackDayRaw(source, path);
  const messages: StoredMessage[] = [];
  const skipped = new Map<string, number>();
  for (const item of raw) {
    coverage?.add(item.ts, parseFloat(item.ts) * 1000);
    const result = mapSlackMessage(item, directory);
    if ('message' in result) messages.push(result.message);
    else skipped.set(result.skipped, (skipped.get(result.skipped) ?? 0) + 1);
  }
  return { messages, skipped };
}

/** Whether a source looks like a Slack export (its metadata files exist somewhere in it). */
export function isSlackExport(source: ExportSource): boolean {
  return source.files().some((path) => /(^|\/)(channels|users)\.json$/.test(path));
}

/**
 * The folder holding channels.json / users.json. Usually the archive's root, but re-zipping an
 * unpacked export adds a top-level folder, so the shallowest match wins.
 */
function findRoot(source: ExportSource): string {
  const candidates = source
    .files()
    .filter((path) => /(^|\/)(channels|users)\.json$/.test(path))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  if (candidates.length === 0) {
    throw new ImportError('not a Slack export: no users.json or channels.json found', { file: source.label });
  }
  const first = candidates[0];
  return first.slice(0, first.lastIndexOf('/') + 1);
}

function listDayFiles(source: ExportSource, root: string): { folders: Map<string, string[]>; skippedFiles: SkippedFile[] } {
  const folders = new Map<string, string[]>();
  const skippedFiles: SkippedFile[] = [];
  for (const path of source.files()) {
    if (!path.startsWith(root)) continue;
    const parts = path.slice(root.length).split('/');
    // Root-level files other than the metadata (integration_logs.json, canvases.json...) hold no history.
    if (parts.length === 1) continue;
    if (parts.length === 2 && DAY_FILE.test(parts[1])) {
      const files = folders.get(parts[0]) ?? [];
      files.push(path);
      folders.set(parts[0], files);
    } else {
      skippedFiles.push({ file: source.describe(path), reason: 'not a day file (<channel>/<YYYY-MM-DD>.json)' });
    }
  }
  // ISO dates sort as text; sorting keeps each channel's import in time order.
  for (const files of folders.values()) files.sort();
  return { folders: new Map([...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), skippedFiles };
}

function toChannel(
  teamId: string,
  folder: string,
  conversation: Conversation | undefined,
  directory: ExportDirectory,
): Channel {
  // A folder no metadata file lists: nobody can say who could read it, so treat it as private.
  const kind = conversation?.kind ?? 'private';
  const id = conversation?.meta.id ?? folder;
  const members = conversation?.meta.members ?? undefined;
  const name =
    kind === 'dm'
      ? `dm-${(members ?? []).map((member) => directory.handle(member) ?? member).join('-') || folder}`
      : folder;
  const channel: Channel = {
    key: channelKey({ platform: 'slack', workspace: teamId, channel: id }),
    platform: 'slack',
    workspace: teamId,
    id,
    name,
    isPrivate: kind !== 'public',
    isDm: kind === 'dm' || kind === 'mpim',
  };
  if (members && members.length > 0) channel.members = [...members];
  return channel;
}

/**
 * A channel whose name no folder can have (`../../x`, `a/b`) has no day files to find; say so
 * rather than leave it out silently. Such names never reach a path: folders are only listed.
 */
function unsafeNames(source: ExportSource, root: string, conversations: readonly Conversation[]): SkippedFile[] {
  const skipped: SkippedFile[] = [];
  for (const { kind, meta } of conversations) {
    if (kind === 'dm') continue;
    const name = (meta as SlackChannel).name;
    if (name === '.' || name === '..' || /[/\\\u0000-\u001f]/.test(name)) {
      const file = source.describe(root + ({ public: 'channels.json', private: 'groups.json', mpim: 'mpims.json' } as const)[kind]);
      skipped.push({ file, reason: `channel ${JSON.stringify(name)} (${meta.id}) has a name no export folder can have; left out` });
    }
  }
  return skipped;
}

async function readOptional<S extends z.ZodType>(source: ExportSource, path: string, schema: S): Promise<z.infer<S> | undefined> {
  if (!source.files().includes(path)) return undefined;
  return parseJsonFile(await source.read(path), source.describe(path), schema);
}

/** Without users.json team ids, the first message that names its team does. */
async function teamIdFromMessages(source: ExportSource, folders: Map<string, string[]>): Promise<string | undefined> {
  for (const files of folders.values()) {
    for (const path of files.slice(0, 3)) {
      const raw = parseJsonFile(await source.read(path), source.describe(path), SlackDayFileSchema);
      const team = raw.find((message) => message.team || message.user_team);
      if (team) return (team.team || team.user_team) ?? undefined;
    }
  }
  return undefined;
}

/** "Acme Corp Slack export Jan 1 2024 - Feb 1 2024.zip" → "Acme Corp". */
export function workspaceNameFrom(label: string): string {
  const base = basename(label.replace(/[/\\]+$/, '')).replace(/\.zip$/i, '');
  const name = base.replace(/\s*slack\s+export.*$/i, '').trim();
  return name || base || 'Slack workspace';
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'slack';
}

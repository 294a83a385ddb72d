import { basename } from 'node:path';
import { ImportError } from '../core/errors.js';
import { channelKey } from '../core/ids.js';
import { parseJsonFile } from './parse-json-file.js';
import { buildSlackDirectory, majorityTeamId } from './slack-directory.js';
import { mapSlackMessage } from './slack-message.js';
import { SlackChannelsFileSchema, SlackDayFileSchema, SlackDmsFileSchema, SlackUsersFileSchema, } from './slack-schema.js';
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;
/** Reads and validates the export's metadata and lists its day files. Writes nothing. */
export async function readSlackExportIndex(source, options = {}) {
    const root = findRoot(source);
    const read = (name, schema) => readOptional(source, root + name, schema);
    const users = (await read('users.json', SlackUsersFileSchema)) ?? [];
    const listed = async (name, kind) => ((await read(name, SlackChannelsFileSchema)) ?? []).map((meta) => ({ kind, meta }));
    const conversations = [
        ...(await listed('channels.json', 'public')),
        ...(await listed('groups.json', 'private')),
        ...(await listed('mpims.json', 'mpim')),
        ...((await read('dms.json', SlackDmsFileSchema)) ?? []).map((meta) => ({ kind: 'dm', meta })),
    ];
    const directory = buildSlackDirectory(users, conversations.map((c) => c.meta));
    const { folders, skippedFiles } = listDayFiles(source, root);
    const name = options.workspaceName ?? workspaceNameFrom(source.label);
    const teamId = majorityTeamId(users) ?? (await teamIdFromMessages(source, folders)) ?? slug(name);
    const workspace = { platform: 'slack', id: teamId, name };
    // Folders are named by channel name, DMs by id: index both ways.
    const byFolder = new Map();
    for (const conversation of conversations) {
        byFolder.set(conversation.kind === 'dm' ? conversation.meta.id : conversation.meta.name, conversation);
    }
    const channels = [];
    for (const [folder, files] of folders) {
        const conversation = byFolder.get(folder);
        channels.push({ channel: toChannel(teamId, folder, conversation, directory), files });
    }
    return { workspace, channels, directory, skippedFiles };
}
/** Reads one day file, validating it whole before any message from it is used. */
export async function readSlackDayFile(source, path, directory) {
    const raw = parseJsonFile(await source.read(path), source.describe(path), SlackDayFileSchema);
    const messages = [];
    const skipped = new Map();
    for (const item of raw) {
        const result = mapSlackMessage(item, directory);
        if ('message' in result)
            messages.push(result.message);
        else
            skipped.set(result.skipped, (skipped.get(result.skipped) ?? 0) + 1);
    }
    return { messages, skipped };
}
/** Whether a source looks like a Slack export (its metadata files exist somewhere in it). */
export function isSlackExport(source) {
    return source.files().some((path) => /(^|\/)(channels|users)\.json$/.test(path));
}
/**
 * The folder holding channels.json / users.json. Usually the archive's root, but re-zipping an
 * unpacked export adds a top-level folder, so the shallowest match wins.
 */
function findRoot(source) {
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
function listDayFiles(source, root) {
    const folders = new Map();
    const skippedFiles = [];
    for (const path of source.files()) {
        if (!path.startsWith(root))
            continue;
        const parts = path.slice(root.length).split('/');
        // Root-level files other than the metadata (integration_logs.json, canvases.json...) hold no history.
        if (parts.length === 1)
            continue;
        if (parts.length === 2 && DAY_FILE.test(parts[1])) {
            const files = folders.get(parts[0]) ?? [];
            files.push(path);
            folders.set(parts[0], files);
        }
        else {
            skippedFiles.push({ file: source.describe(path), reason: 'not a day file (<channel>/<YYYY-MM-DD>.json)' });
        }
    }
    // ISO dates sort as text; sorting keeps each channel's import in time order.
    for (const files of folders.values())
        files.sort();
    return { folders: new Map([...folders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), skippedFiles };
}
function toChannel(teamId, folder, conversation, directory) {
    // A folder no metadata file lists: nobody can say who could read it, so treat it as private.
    const kind = conversation?.kind ?? 'private';
    const id = conversation?.meta.id ?? folder;
    const members = conversation?.meta.members ?? undefined;
    const name = kind === 'dm'
        ? `dm-${(members ?? []).map((member) => directory.handle(member) ?? member).join('-') || folder}`
        : folder;
    const channel = {
        key: channelKey({ platform: 'slack', workspace: teamId, channel: id }),
        platform: 'slack',
        workspace: teamId,
        id,
        name,
        isPrivate: kind !== 'public',
        isDm: kind === 'dm' || kind === 'mpim',
    };
    if (members && members.length > 0)
        channel.members = [...members];
    return channel;
}
async function readOptional(source, path, schema) {
    if (!source.files().includes(path))
        return undefined;
    return parseJsonFile(await source.read(path), source.describe(path), schema);
}
/** Without users.json team ids, the first message that names its team does. */
async function teamIdFromMessages(source, folders) {
    for (const files of folders.values()) {
        for (const path of files.slice(0, 3)) {
            const raw = parseJsonFile(await source.read(path), source.describe(path), SlackDayFileSchema);
            const team = raw.find((message) => message.team || message.user_team);
            if (team)
                return (team.team || team.user_team) ?? undefined;
        }
    }
    return undefined;
}
/** "Acme Corp Slack export Jan 1 2024 - Feb 1 2024.zip" → "Acme Corp". */
export function workspaceNameFrom(label) {
    const base = basename(label.replace(/[/\\]+$/, '')).replace(/\.zip$/i, '');
    const name = base.replace(/\s*slack\s+export.*$/i, '').trim();
    return name || base || 'Slack workspace';
}
function slug(name) {
    return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'slack';
}

import { ImportError } from '../core/errors.js';
import type { Channel, Workspace } from '../core/types.js';
import { noteOrigin } from './channel-origin.js';
import { checkDiscordExport, exportedChannel, looksLikeDiscordExport, readDiscordExport } from './discord-export.js';
import type { ExportSource } from './export-source.js';
import { checkTotalSize, handleBadFiles, writeFailure, type BadFile, type ImportRun } from './import-run.js';
import { Coverage, purgeMissing } from './missing-messages.js';
import { parseJson } from './parse-json-file.js';
import { overrideChannel, overrideWorkspace } from './platform-override.js';
import type { ImportSummary } from './slack-import.js';

/** One checked DCE file: which channel it holds and when it was exported. */
interface CheckedFile {
  file: string;
  channel: Channel;
  /** The channel's own key before any --console override. */
  origin: string;
  workspace: Workspace;
  /** @unit epoch milliseconds; -Infinity when the file does not say. */
  exportedAt: number;
}

/**
 * DiscordChatExporter files (one, or a folder of them) in two phases, as for Slack. Files are
 * grouped by channel: two exports of one channel are applied oldest first by their `exportedAt`
 * (so the newer one wins, whatever the file names). Files with the same `exportedAt` count as one
 * export when finding deleted messages; the parts of a `--partition`ed export each cover a stretch
 * of time of their own, so comparing each over its own range is right either way.
 */
export async function importDiscord(run: ImportRun, source: ExportSource, files: readonly string[]): Promise<ImportSummary> {
  checkTotalSize(source, files, run.limits);
  const checked: CheckedFile[] = [];
  const bad: BadFile[] = [];
  let messagesRead = 0;
  for (const [done, file] of files.entries()) {
    const label = source.describe(file);
    let json: unknown;
    try {
      json = parseJson(await source.read(file), label);
      if (!looksLikeDiscordExport(json)) {
        // In a folder, other JSON (notes, a media index) is not history, but not an error either.
        if (files.length > 1) {
          run.skipped.add('not a DiscordChatExporter JSON export', 1, label);
          continue;
        }
        throw new ImportError('not a Slack export (.zip or folder) or DiscordChatExporter JSON', { file: label });
      }
      const data = checkDiscordExport(json, label);
      const { workspace, channel } = exportedChannel(data);
      const exportedAt = data.exportedAt ? Date.parse(data.exportedAt) : -Infinity;
      checked.push({ file, channel: overrideChannel(channel, run.options.platformOverride), origin: channel.key, workspace, exportedAt });
      messagesRead += data.messages.length;
    } catch (error) {
      if (!(error instanceof ImportError) || files.length === 1) throw error;
      bad.push(badFile(json, label, error, run));
    }
    run.options.onProgress?.({ phase: 'checking', file: label, channel: checked.at(-1)?.channel.key ?? '', filesDone: done + 1, filesTotal: files.length, messagesRead });
  }
  const byChannel = groupByChannel(checked);
  handleBadFiles(run, bad, byChannel.size + bad.length);
  for (const { key } of bad) byChannel.delete(key);
  if (byChannel.size === 0) throw new ImportError('no DiscordChatExporter JSON exports found', { file: source.label });

  const workspaces = new Map<string, Workspace>();
  const done: string[] = [];
  const channels = [...byChannel.values()];
  let filesDone = 0;
  messagesRead = 0;
  const filesTotal = channels.reduce((sum, list) => sum + list.length, 0);
  for (const [position, list] of channels.entries()) {
    const name = list.at(-1)!.channel.name;
    try {
      for (const exported of exportsOf(list)) {
        for (const item of exported) {
          const workspace = overrideWorkspace(item.workspace, run.options.platformOverride);
          if (!workspaces.has(workspace.id)) {
            await run.store.putWorkspace(workspace);
            workspaces.set(workspace.id, workspace);
          }
        }
        const coverage = new Coverage();
        const channel = exported.at(-1)!.channel;
        await run.writer.begin(channel);
        for (const item of exported) {
          const label = source.describe(item.file);
          const read = readDiscordExport(parseJson(await source.read(item.file), label), label, coverage);
          run.skipped.addAll(read.skipped);
          await run.writer.add(read.messages);
          filesDone += 1;
          messagesRead += read.messages.length;
          run.options.onProgress?.({ phase: 'importing', file: label, channel: channel.key, filesDone, filesTotal, messagesRead });
        }
        await run.writer.end();
        // Live, a thread's messages are filed under its parent channel; an export has each thread
        // in a file of its own, so the parent's export never lists them.
        const origin = await noteOrigin(run.store, channel, exported.at(-1)!.origin);
        if (origin.warning) run.warnings.push(origin.warning);
        const purged = origin.merged ? 0 : await purgeMissing(run.ingest, channel.key, coverage, (message) => message.threadId !== undefined);
        if (purged > 0) run.purged.push({ channel: channel.key, name: channel.name, count: purged });
      }
    } catch (error) {
      throw writeFailure(error, done, name, channels.slice(position + 1).map((l) => l.at(-1)!.channel.name));
    }
    done.push(name);
  }
  return { format: 'discord', workspaces: [...workspaces.values()], channels: byChannel.size };
}

/** Files by channel key, each channel's files oldest export first (then by name, for parts). */
function groupByChannel(checked: readonly CheckedFile[]): Map<string, CheckedFile[]> {
  const byChannel = new Map<string, CheckedFile[]>();
  for (const item of checked) byChannel.set(item.channel.key, [...(byChannel.get(item.channel.key) ?? []), item]);
  for (const list of byChannel.values()) {
    list.sort((a, b) => a.exportedAt - b.exportedAt || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
  return byChannel;
}

/** Splits a channel's sorted files into exports: the parts of one export share `exportedAt`. */
function exportsOf(list: readonly CheckedFile[]): CheckedFile[][] {
  const groups: CheckedFile[][] = [];
  for (const item of list) {
    const last = groups.at(-1);
    if (last && last[0]!.exportedAt === item.exportedAt) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** A bad file's channel, when enough of it parsed to tell, so --skip-bad leaves that channel out whole. */
function badFile(json: unknown, label: string, error: ImportError, run: ImportRun): BadFile {
  const data = json as { guild?: { id?: unknown }; channel?: { id?: unknown; name?: unknown } } | undefined;
  const guild = data?.guild?.id;
  const id = data?.channel?.id;
  if (typeof guild === 'string' && typeof id === 'string') {
    const probe = { guild: { id: guild, name: '' }, channel: { id, type: '', name: String(data?.channel?.name ?? id) }, messages: [] };
    const channel = overrideChannel(exportedChannel(probe).channel, run.options.platformOverride);
    return { channel: channel.name, key: channel.key, error };
  }
  return { channel: label, key: label, error };
}

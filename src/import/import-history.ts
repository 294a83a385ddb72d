import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ImportError } from '../core/errors.js';
import type { Workspace } from '../core/types.js';
import type { Store } from '../store/store.js';
import { BatchWriter } from './batch-writer.js';
import { looksLikeDiscordExport, readDiscordExport } from './discord-export.js';
import type { ExportSource } from './export-source.js';
import { openFolderSource } from './folder-source.js';
import { SkipTally, type ImportProgress, type ImportReport } from './import-report.js';
import { parseJson } from './parse-json-file.js';
import { overrideChannel, overrideWorkspace, type PlatformOverride } from './platform-override.js';
import { isSlackExport, readSlackDayFile, readSlackExportIndex } from './slack-export.js';
import { openZipSource } from './zip-source.js';

export interface ImportOptions {
  /** Called after each file is read and queued. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Files the history under another platform and workspace, channels keyed by name
   * (`{ platform: 'console', workspace: 'local' }` → `console:local:general`). Defaults to the
   * export's own platform and team/guild.
   */
  platformOverride?: PlatformOverride;
  /** The workspace's name (Slack exports carry none). Defaults to the zip or folder name. */
  workspaceName?: string;
  /** Messages per `putMessages` call. Defaults to 5,000. */
  batchSize?: number;
}

export const DefaultImportOptions = { batchSize: 5_000 } as const satisfies Required<Pick<ImportOptions, 'batchSize'>>;

/**
 * Imports a Slack export (.zip or unpacked folder) or DiscordChatExporter JSON (one file, or a
 * folder of them) into the store. Each file is validated whole before anything from it is written;
 * a bad file stops the import with an ImportError naming it, after writing the files before it.
 * Re-importing is harmless: the store upserts by message id, so nothing is added twice.
 */
export async function importHistory(store: Store, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const kind = await detect(path);
  const run = { store, options, writer: new BatchWriter(store, options.batchSize ?? DefaultImportOptions.batchSize), skipped: new SkipTally() };
  const source = kind === 'zip' ? await openZipSource(path) : kind === 'folder' ? await openFolderSource(path) : undefined;
  try {
    let report: Omit<ImportReport, 'messages' | 'skipped' | 'durationMs'>;
    if (kind === 'discord-file') {
      report = await importDiscordFiles(run, [path], (file) => readFileBytes(file));
    } else if (source && isSlackExport(source)) {
      report = await importSlack(run, source);
    } else if (source) {
      const jsons = source.files().filter((file) => extname(file).toLowerCase() === '.json');
      if (jsons.length === 0) throw notAnExport(path);
      report = await importDiscordFiles(run, jsons, (file) => source.read(file), (file) => source.describe(file));
    } else {
      throw notAnExport(path);
    }
    await run.writer.end();
    return { ...report, messages: { ...run.writer.totals }, skipped: run.skipped.list(), durationMs: performance.now() - started };
  } catch (error) {
    // Keep what was validated before the bad file; an error from the store itself is not retried.
    if (error instanceof ImportError) await run.writer.flush();
    throw error;
  } finally {
    await source?.close();
  }
}

interface ImportRun {
  store: Store;
  options: ImportOptions;
  writer: BatchWriter;
  skipped: SkipTally;
}

async function importSlack(run: ImportRun, source: ExportSource): Promise<Omit<ImportReport, 'messages' | 'skipped' | 'durationMs'>> {
  const index = await readSlackExportIndex(source, { workspaceName: run.options.workspaceName });
  for (const skip of index.skippedFiles) run.skipped.add(skip.reason, 1, skip.file);
  const workspace = overrideWorkspace(index.workspace, run.options.platformOverride);
  await run.store.putWorkspace(workspace);

  const filesTotal = index.channels.reduce((sum, channel) => sum + channel.files.length, 0);
  let filesDone = 0;
  let messagesRead = 0;
  for (const { channel: exported, files } of index.channels) {
    const channel = overrideChannel(exported, run.options.platformOverride);
    await run.writer.begin(channel);
    for (const file of files) {
      const day = await readSlackDayFile(source, file, index.directory);
      run.skipped.addAll(day.skipped);
      await run.writer.add(day.messages);
      filesDone += 1;
      messagesRead += day.messages.length;
      run.options.onProgress?.({ file: source.describe(file), channel: channel.key, filesDone, filesTotal, messagesRead });
    }
  }
  return { format: 'slack', workspaces: [workspace], channels: index.channels.length };
}

async function importDiscordFiles(
  run: ImportRun,
  files: readonly string[],
  read: (file: string) => Promise<Buffer>,
  describe: (file: string) => string = (file) => file,
): Promise<Omit<ImportReport, 'messages' | 'skipped' | 'durationMs'>> {
  const workspaces = new Map<string, Workspace>();
  let channels = 0;
  let messagesRead = 0;
  for (const [done, file] of files.entries()) {
    const label = describe(file);
    const json = parseJson(await read(file), label);
    if (!looksLikeDiscordExport(json)) {
      // In a folder, other JSON (notes, a media index) is not history, but not an error either.
      if (files.length > 1) {
        run.skipped.add('not a DiscordChatExporter JSON export', 1, label);
        continue;
      }
      throw notAnExport(label);
    }
    const exported = readDiscordExport(json, label);
    const workspace = overrideWorkspace(exported.workspace, run.options.platformOverride);
    if (!workspaces.has(workspace.id)) {
      await run.store.putWorkspace(workspace);
      workspaces.set(workspace.id, workspace);
    }
    const channel = overrideChannel(exported.channel, run.options.platformOverride);
    await run.writer.begin(channel);
    run.skipped.addAll(exported.skipped);
    await run.writer.add(exported.messages);
    channels += 1;
    messagesRead += exported.messages.length;
    run.options.onProgress?.({ file: label, channel: channel.key, filesDone: done + 1, filesTotal: files.length, messagesRead });
  }
  if (channels === 0) throw new ImportError('no DiscordChatExporter JSON exports found', { file: files.length === 1 ? files[0] : undefined });
  return { format: 'discord', workspaces: [...workspaces.values()], channels };
}

type SourceKind = 'zip' | 'folder' | 'discord-file';

/** A folder is an unpacked export; a file is a zip by its magic bytes, else a DCE JSON file. */
async function detect(path: string): Promise<SourceKind> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new ImportError(`cannot read (${(error as Error).message})`, { file: path, cause: error });
  }
  if (info.isDirectory()) return 'folder';
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    // "PK\3\4": a zip's local file header; an empty zip starts with the end record "PK\5\6".
    if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) return 'zip';
  } finally {
    await handle.close();
  }
  if (extname(path).toLowerCase() === '.json') return 'discord-file';
  throw notAnExport(path);
}

async function readFileBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new ImportError(`cannot read (${(error as Error).message})`, { file, cause: error });
  }
}

function notAnExport(path: string): ImportError {
  return new ImportError('not a Slack export (.zip or folder) or DiscordChatExporter JSON', { file: path });
}

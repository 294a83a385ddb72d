import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { ImportError } from '../core/errors.js';
import type { Store } from '../store/store.js';
import { BatchWriter } from './batch-writer.js';
import { importDiscord } from './discord-import.js';
import type { ExportSource } from './export-source.js';
import { openFileSource, openFolderSource } from './folder-source.js';
import { DefaultImportLimits, type ImportLimits } from './import-limits.js';
import { SkipTally, type ImportReport } from './import-report.js';
import type { ImportOptions, ImportRun } from './import-run.js';
import { importIngestDeps } from './missing-messages.js';
import { isSlackExport } from './slack-export.js';
import { importSlack, type ImportSummary } from './slack-import.js';
import { openZipSource } from './zip-source.js';

export type { ImportOptions } from './import-run.js';

export const DefaultImportOptions = { batchSize: 5_000 } as const satisfies Required<Pick<ImportOptions, 'batchSize'>>;

/**
 * Imports a Slack export (.zip or unpacked folder) or DiscordChatExporter JSON (one file, or a
 * folder of them) into the store. Every file is checked before anything is written: a bad file
 * stops the import with an ImportError naming it and the store untouched, unless `skipBad` leaves
 * its channel out. Re-importing is harmless (the store upserts by message id); a message the store
 * holds inside an export's time range that the export lacks was deleted, and is purged.
 */
export async function importHistory(store: Store, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const limits: ImportLimits = { ...DefaultImportLimits, ...options.limits };
  const kind = await detect(path);
  const skipped = new SkipTally();
  const run: ImportRun = {
    store,
    options,
    limits,
    writer: new BatchWriter(store, skipped, options.batchSize ?? DefaultImportOptions.batchSize, limits.maxMessageChars),
    skipped,
    skippedChannels: [],
    purged: [],
    warnings: [],
    ingest: importIngestDeps(store),
  };
  const source =
    kind === 'zip' ? await openZipSource(path, limits.maxFileBytes)
    : kind === 'folder' ? await openFolderSource(path, limits.maxFileBytes)
    : await openFileSource(path, limits.maxFileBytes);
  try {
    let summary: ImportSummary;
    if (kind === 'discord-file') {
      summary = await importDiscord(run, source, source.files());
    } else if (isSlackExport(source)) {
      summary = await importSlack(run, source);
    } else {
      summary = await importDiscord(run, source, discordFiles(source, path));
    }
    if (run.writer.cutMessages > 0) {
      run.warnings.push(
        `${run.writer.cutMessages} message${run.writer.cutMessages === 1 ? ' was' : 's were'} longer than ${limits.maxMessageChars} characters and cut to that (MULL_IMPORT_MAX_MESSAGE_CHARS)`,
      );
    }
    return {
      ...summary,
      messages: { ...run.writer.totals },
      skipped: skipped.list(),
      skippedChannels: run.skippedChannels,
      purged: run.purged,
      warnings: run.warnings,
      durationMs: performance.now() - started,
    };
  } finally {
    await source.close();
  }
}

const DAY_FILE = /^\d{4}-\d{2}-\d{2}\.json$/;

/** The JSON files of a folder or zip that is not a Slack export; says what it is when it is neither. */
function discordFiles(source: ExportSource, path: string): string[] {
  const jsons = source.files().filter((file) => extname(file).toLowerCase() === '.json');
  if (jsons.length > 0 && jsons.every((file) => DAY_FILE.test(file))) {
    throw new ImportError(
      "this is one channel's folder of a Slack export (day files like 2024-03-04.json, no channels.json or users.json): import the export's root folder, the one that holds channels.json, or its .zip",
      { file: path },
    );
  }
  if (jsons.length === 0) throw notAnExport(path);
  return jsons;
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

function notAnExport(path: string): ImportError {
  return new ImportError('not a Slack export (.zip or folder) or DiscordChatExporter JSON', { file: path });
}

import { ImportError } from '../core/errors.js';
import type { IngestDeps } from '../context/ingest.js';
import type { Store } from '../store/store.js';
import type { BatchWriter } from './batch-writer.js';
import type { ExportSource } from './export-source.js';
import { megabytes, type ImportLimits } from './import-limits.js';
import type { ImportProgress, PurgedEntry, SkippedChannel, SkipTally } from './import-report.js';
import type { PlatformOverride } from './platform-override.js';

export interface ImportOptions {
  /** Called after each file is read, while checking and while importing. */
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
  /**
   * A bad file normally stops the import before anything is written. With this, the channels
   * with a bad file are left out whole and the rest is imported; the report lists what was left out.
   */
  skipBad?: boolean;
  /** Size caps; defaults in `DefaultImportLimits`. */
  limits?: Partial<ImportLimits>;
}

/** One import's shared state, handed to the Slack and Discord readers. */
export interface ImportRun {
  store: Store;
  options: ImportOptions;
  limits: ImportLimits;
  writer: BatchWriter;
  skipped: SkipTally;
  skippedChannels: SkippedChannel[];
  purged: PurgedEntry[];
  warnings: string[];
  ingest: IngestDeps;
}

/** A file the checking phase refused, and the channel it belongs to. */
export interface BadFile {
  /** The channel's name, for people. */
  channel: string;
  /** The channel's key, or the file itself when it could not be read far enough to say. */
  key: string;
  error: ImportError;
}

/** The whole import is refused up front when the files it would read add up past the cap. */
export function checkTotalSize(source: ExportSource, files: readonly string[], limits: ImportLimits): void {
  const total = files.reduce((sum, file) => sum + source.size(file), 0);
  if (total > limits.maxTotalBytes) {
    throw new ImportError(
      `${megabytes(total)} to read, over the ${megabytes(limits.maxTotalBytes)} limit for one import (MULL_IMPORT_MAX_TOTAL_MB); nothing was written. Import it in parts or raise the limit`,
      { file: source.label },
    );
  }
}

/**
 * The checking phase found bad files. Without `--skip-bad` the import stops here, before writing
 * anything, naming every bad file; with it, their channels are recorded as left out.
 */
export function handleBadFiles(run: ImportRun, bad: readonly BadFile[], channelsTotal: number): void {
  if (bad.length === 0) return;
  if (!run.options.skipBad) {
    const first = bad[0]!.error;
    const others = bad.slice(1).map((b) => b.error.message);
    const rest = channelsTotal - bad.length;
    throw new ImportError(
      reasonOf(first) +
        (others.length ? `; also ${others.join('; ')}` : '') +
        `. Nothing was imported: the store is as it was. Fix ${bad.length === 1 ? 'the file' : 'the files'}` +
        (rest > 0
          ? `, or run again with --skip-bad to import the other ${rest} channel${rest === 1 ? '' : 's'} and leave out ${bad.map((b) => `#${b.channel}`).join(', ')}.`
          : '.'),
      { file: first.file, cause: first },
    );
  }
  for (const { channel, error } of bad) {
    run.skippedChannels.push({ channel, file: error.file ?? '', reason: reasonOf(error) });
  }
}

/**
 * An error while writing (a store failure, or a file that changed since it was checked): says
 * which channels are in the store whole, which one is partial, and which were not reached.
 */
export function writeFailure(error: unknown, done: readonly string[], current: string, notReached: readonly string[]): ImportError {
  const list = (names: readonly string[]) => (names.length ? names.map((n) => `#${n}`).join(', ') : 'none');
  const file = error instanceof ImportError ? error.file : undefined;
  const message = error instanceof ImportError ? reasonOf(error) : error instanceof Error ? error.message : String(error);
  return new ImportError(
    `import stopped while writing #${current}: ${message}. In the store now: imported whole: ${list(done)}; ` +
      `partly written: #${current}; not imported: ${list(notReached)}. Importing again is safe and completes it.`,
    { file, cause: error },
  );
}

/** An ImportError's message without the `file: ` prefix its constructor adds. */
function reasonOf(error: ImportError): string {
  return error.file && error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message;
}

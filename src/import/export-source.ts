import { ImportError } from '../core/errors.js';
import { megabytes } from './import-limits.js';

/**
 * An export's files, whether they sit in a .zip or in an unpacked folder. Readers ask for one file
 * at a time, so a multi-gigabyte export never has to fit in memory at once.
 */
export interface ExportSource {
  /** The zip or folder path, for messages. */
  readonly label: string;
  /** Every file (not directory), as a `/`-separated path relative to the export's root. */
  files(): readonly string[];
  /** A file's size (unpacked, for a zip entry), known without reading it. @unit bytes */
  size(path: string): number;
  /** How to name one of its files in an error: the full path, or `archive.zip:inner/path`. */
  describe(path: string): string;
  /** One file's bytes; refuses a file over the source's per-file limit before reading it. */
  read(path: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Archive tools add these; they are never part of an export. */
export function isArchiveClutter(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((part) => part === '.DS_Store' || part.startsWith('._'));
}

/** The refusal for a file over the per-file limit, naming the setting that raises it. */
export function fileTooLarge(label: string, bytes: number, limit: number): ImportError {
  return new ImportError(
    `${megabytes(bytes)}, over the ${megabytes(limit)} limit for one file (MULL_IMPORT_MAX_FILE_MB); ` +
      'split it (DiscordChatExporter: --partition 20mb) or raise the limit',
    { file: label },
  );
}

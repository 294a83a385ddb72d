/**
 * An export's files, whether they sit in a .zip or in an unpacked folder. Readers ask for one file
 * at a time, so a multi-gigabyte export never has to fit in memory at once.
 */
export interface ExportSource {
  /** The zip or folder path, for messages. */
  readonly label: string;
  /** Every file (not directory), as a `/`-separated path relative to the export's root. */
  files(): readonly string[];
  /** How to name one of its files in an error: the full path, or `archive.zip:inner/path`. */
  describe(path: string): string;
  /** One file's bytes. */
  read(path: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Archive tools add these; they are never part of an export. */
export function isArchiveClutter(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((part) => part === '.DS_Store' || part.startsWith('._'));
}

/**
 * Bounds on what one import reads, so memory and time stay bounded whatever the input. A file is
 * parsed whole (a Slack day file, a DiscordChatExporter file), which peaks at several times its
 * size in memory, so files are capped rather than streamed; the caps are checked from the zip's
 * directory or the file system before anything is inflated or read.
 */
export interface ImportLimits {
  /**
   * Largest single file (a zip entry unpacked, or a file on disk). DiscordChatExporter can split a
   * channel into smaller files with `--partition 20mb`. @unit bytes
   */
  maxFileBytes: number;
  /** Largest whole import: every file it reads, unpacked. @unit bytes */
  maxTotalBytes: number;
  /** A message's text beyond this is cut, with a marker, and counted in the summary. @unit characters */
  maxMessageChars: number;
}

const MiB = 1024 * 1024;

export const DefaultImportLimits = {
  maxFileBytes: 32 * MiB,
  maxTotalBytes: 8 * 1024 * MiB,
  // Slack's documented limit for a message's text; Discord's is 4,000.
  maxMessageChars: 40_000,
} as const satisfies ImportLimits;

/** "64 MB" for errors: the unit people set the limit in (bytes below 1 MB). */
export function megabytes(bytes: number): string {
  if (bytes < MiB) return `${bytes} bytes`;
  const mb = bytes / MiB;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

import type { Workspace } from '../core/types.js';
import type { AppendResult } from '../store/store.js';

/** Something left out of an import: a whole file (with `file`), or messages counted by reason. */
export interface SkippedEntry {
  file?: string;
  reason: string;
  count: number;
}

export interface ImportReport {
  format: 'slack' | 'discord';
  /** The workspaces written (one for a Slack export; one per guild for Discord exports). */
  workspaces: Workspace[];
  /** Channels that had files in the export. */
  channels: number;
  /** What the store did with the messages; a re-import lands entirely in `unchanged`. */
  messages: AppendResult;
  skipped: SkippedEntry[];
  /** Wall time of the import. @unit milliseconds */
  durationMs: number;
}

export interface ImportProgress {
  /** The file just read. */
  file: string;
  channel: string;
  filesDone: number;
  filesTotal: number;
  /** Messages read so far (before de-duplication by the store). */
  messagesRead: number;
}

/** Adds up skips: message-level ones by reason across files, file-level ones per file. */
export class SkipTally {
  private readonly entries = new Map<string, SkippedEntry>();

  add(reason: string, count = 1, file?: string): void {
    const key = `${file ?? ''}\u0000${reason}`;
    const entry = this.entries.get(key);
    if (entry) entry.count += count;
    else this.entries.set(key, file === undefined ? { reason, count } : { file, reason, count });
  }

  addAll(counts: ReadonlyMap<string, number>): void {
    for (const [reason, count] of counts) this.add(reason, count);
  }

  list(): SkippedEntry[] {
    return [...this.entries.values()];
  }
}

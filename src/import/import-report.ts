import type { ChannelKey } from '../core/ids.js';
import type { Workspace } from '../core/types.js';
import type { AppendResult } from '../store/store.js';

/** Something left out of an import: a whole file (with `file`), or messages counted by reason. */
export interface SkippedEntry {
  file?: string;
  reason: string;
  count: number;
}

/** A channel left out whole by `--skip-bad`, because one of its files is bad. */
export interface SkippedChannel {
  channel: string;
  file: string;
  reason: string;
}

/** Messages the store held inside an export's time range that the export no longer has. */
export interface PurgedEntry {
  channel: ChannelKey;
  name: string;
  count: number;
}

export interface ImportReport {
  format: 'slack' | 'discord';
  /** The workspaces written (one for a Slack export; one per guild for Discord exports). */
  workspaces: Workspace[];
  /** Channels written (a channel exported twice, or in parts, counts once). */
  channels: number;
  /** What the store did with the messages; a re-import lands entirely in `unchanged`. */
  messages: AppendResult;
  skipped: SkippedEntry[];
  /** Channels not imported at all (`--skip-bad`), with the file to blame. */
  skippedChannels: SkippedChannel[];
  /** Deleted since an earlier import or live: purged, with every note and answer citing them. */
  purged: PurgedEntry[];
  /** Things that worked but deserve a look (channels merged by --console). */
  warnings: string[];
  /** Wall time of the import. @unit milliseconds */
  durationMs: number;
}

export interface ImportProgress {
  /** `checking`: every file is validated before anything is written; `importing`: writing. */
  phase: 'checking' | 'importing';
  /** The file just read. */
  file: string;
  channel: string;
  filesDone: number;
  filesTotal: number;
  /** Messages read so far in this phase (before de-duplication by the store). */
  messagesRead: number;
}

/** Adds up skips: message-level ones by reason across files, file-level ones per file. */
export class SkipTally {
  private readonly entries = new Map<string, SkippedEntry>();

  add(reason: string, count = 1, file?: string): void {
    if (count === 0) return;
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

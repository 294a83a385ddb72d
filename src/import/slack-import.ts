import { ImportError } from '../core/errors.js';
import type { ExportSource } from './export-source.js';
import type { ImportReport } from './import-report.js';
import { checkTotalSize, handleBadFiles, writeFailure, type BadFile, type ImportRun } from './import-run.js';
import { Coverage, purgeMissing } from './missing-messages.js';
import { noteOrigin } from './channel-origin.js';
import { overrideChannel, overrideWorkspace } from './platform-override.js';
import { learnBotNames } from './slack-directory.js';
import { readAhead } from './read-ahead.js';
import { readSlackDayFile, readSlackDayRaw, readSlackExportIndex } from './slack-export.js';

export type ImportSummary = Pick<ImportReport, 'format' | 'workspaces' | 'channels'>;

/**
 * A Slack export in two phases. Checking: every day file is read and validated (and bot names
 * learned from all of them) before anything is written, so a bad file stops the import with the
 * store untouched, or with --skip-bad leaves out that channel whole. Importing: each channel is
 * written, then the messages the store holds in its time range that the export lacks are purged.
 */
export async function importSlack(run: ImportRun, source: ExportSource): Promise<ImportSummary> {
  const index = await readSlackExportIndex(source, {
    workspaceName: run.options.workspaceName,
    workspaceForChannels: async (ids) => (await run.store.listChannels()).find((c) => c.platform === 'slack' && ids.has(c.id))?.workspace,
  });
  for (const skip of index.skippedFiles) run.skipped.add(skip.reason, 1, skip.file);
  checkTotalSize(source, [...index.metadataFiles, ...index.channels.flatMap((c) => c.files)], run.limits);

  const filesTotal = index.channels.reduce((sum, channel) => sum + channel.files.length, 0);
  let filesDone = 0;
  let messagesRead = 0;
  const bad: BadFile[] = [];
  const checking = readAhead(source, index.channels.flatMap((c) => c.files));
  for (const { channel, files } of index.channels) {
    for (const file of files) {
      try {
        const raw = await readSlackDayRaw(checking, file);
        learnBotNames(raw, index.directory);
        messagesRead += raw.length;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        bad.push({ channel: channel.name, key: channel.key, error });
        break;
      }
      filesDone += 1;
      run.options.onProgress?.({ phase: 'checking', file: source.describe(file), channel: channel.key, filesDone, filesTotal, messagesRead });
    }
  }
  handleBadFiles(run, bad, index.channels.length);
  const badChannels = new Set(bad.map((b) => b.key));
  const good = index.channels.filter((c) => !badChannels.has(c.channel.key));

  const workspace = overrideWorkspace(index.workspace, run.options.platformOverride);
  await run.store.putWorkspace(workspace);
  const goodFiles = good.reduce((sum, channel) => sum + channel.files.length, 0);
  filesDone = 0;
  messagesRead = 0;
  const done: string[] = [];
  const importing = readAhead(source, good.flatMap((c) => c.files));
  for (const [position, { channel: exported, files }] of good.entries()) {
    const channel = overrideChannel(exported, run.options.platformOverride);
    try {
      await run.writer.begin(channel);
      const coverage = new Coverage();
      for (const file of files) {
        const day = await readSlackDayFile(importing, file, index.directory, coverage);
        run.skipped.addAll(day.skipped);
        await run.writer.add(day.messages);
        filesDone += 1;
        messagesRead += day.messages.length;
        run.options.onProgress?.({ phase: 'importing', file: source.describe(file), channel: channel.key, filesDone, filesTotal: goodFiles, messagesRead });
      }
      await run.writer.end();
      const origin = await noteOrigin(run.store, channel, exported.key);
      if (origin.warning) run.warnings.push(origin.warning);
      const purged = origin.merged ? 0 : await purgeMissing(run.ingest, channel.key, coverage);
      if (purged > 0) run.purged.push({ channel: channel.key, name: channel.name, count: purged });
    } catch (error) {
      throw writeFailure(error, done, channel.name, good.slice(position + 1).map((c) => c.channel.name));
    }
    done.push(channel.name);
  }
  return { format: 'slack', workspaces: [workspace], channels: good.length };
}

import { resolve } from 'node:path';
import type { MullConfig } from '../config.js';
import { importHistory } from '../import/import-history.js';
import type { ImportReport } from '../import/import-report.js';
import { openStore } from '../store/open-store.js';

/** `mull import PATH`: a Slack export (zip or folder) or DiscordChatExporter JSON. */
export async function importCommand(
  config: MullConfig,
  path: string,
  options: { console?: boolean; skipBad?: boolean },
  out: NodeJS.WritableStream,
): Promise<void> {
  const store = await openStore(config.storeUrl);
  try {
    let lastPrint = 0;
    const report = await importHistory(store, resolve(path), {
      platformOverride: options.console ? { platform: 'console', workspace: 'local' } : undefined,
      skipBad: options.skipBad,
      limits: config.import,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastPrint < 500 && p.filesDone < p.filesTotal) return;
        lastPrint = now;
        out.write(`  ${p.phase} ${p.filesDone}/${p.filesTotal} files, ${p.messagesRead} messages read${p.channel ? ` (${p.channel})` : ''}\n`);
      },
    });
    out.write(formatImportReport(report));
  } finally {
    await store.close();
  }
}

export function formatImportReport(report: ImportReport): string {
  const m = report.messages;
  const purged = report.purged.reduce((sum, p) => sum + p.count, 0);
  const lines = [
    `Imported a ${report.format} export: ${report.channels} channels; ${m.added} messages added, ${m.updated} updated, ${m.unchanged} already stored, ${purged} deleted since (${Math.round(report.durationMs)} ms).`,
  ];
  for (const p of report.purged) {
    lines.push(`  deleted ${p.count} from #${p.name}: no longer in the export, so purged with every note and prepared answer citing them`);
  }
  for (const c of report.skippedChannels) lines.push(`  left out #${c.channel} (--skip-bad): ${c.file}: ${c.reason}`);
  for (const skip of report.skipped) lines.push(`  skipped ${skip.count}${skip.file ? ` in ${skip.file}` : ''}: ${skip.reason}`);
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

import { resolve } from 'node:path';
import type { MullConfig } from '../config.js';
import { importHistory } from '../import/import-history.js';
import { openStore } from '../store/open-store.js';

/** `mull import PATH`: a Slack export (zip or folder) or DiscordChatExporter JSON. */
export async function importCommand(config: MullConfig, path: string, options: { console?: boolean }, out: NodeJS.WritableStream): Promise<void> {
  const store = await openStore(config.storeUrl);
  try {
    let lastPrint = 0;
    const report = await importHistory(store, resolve(path), {
      platformOverride: options.console ? { platform: 'console', workspace: 'local' } : undefined,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastPrint < 500 && p.filesDone < p.filesTotal) return;
        lastPrint = now;
        out.write(`  ${p.filesDone}/${p.filesTotal} files, ${p.messagesRead} messages read (${p.channel})\n`);
      },
    });
    const m = report.messages;
    out.write(
      `Imported a ${report.format} export: ${report.channels} channels; ${m.added} messages added, ${m.updated} updated, ${m.unchanged} already stored (${Math.round(report.durationMs)} ms).\n`,
    );
    for (const skip of report.skipped) out.write(`  skipped ${skip.count}${skip.file ? ` in ${skip.file}` : ''}: ${skip.reason}\n`);
  } finally {
    await store.close();
  }
}

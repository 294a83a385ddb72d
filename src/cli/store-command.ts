import { copyStore } from '../store/copy-store.js';
import { openSqlStore } from '../store/open-store.js';

/**
 * `mull store copy FROM TO`: copies a store (e.g. sqlite://./data/mull.sqlite to postgres://…)
 * without loss; running it again changes nothing. Stop the bot first, or messages that arrive
 * during the copy may be missing from the target until the next copy.
 */
export async function storeCopyCommand(from: string, to: string, out: NodeJS.WritableStream): Promise<void> {
  const source = await openSqlStore(from);
  try {
    const target = await openSqlStore(to);
    try {
      let lastPrint = 0;
      const report = await copyStore(source.sqlTables, target.sqlTables, (table, rows) => {
        const now = Date.now();
        if (now - lastPrint < 1_000) return;
        lastPrint = now;
        out.write(`  ${table}: ${rows} rows\n`);
      });
      const counts = Object.entries(report.rows).map(([table, rows]) => `${table} ${rows}`).join(', ');
      out.write(`Copied ${source.backend} to ${target.backend} in ${Math.round(report.durationMs)} ms: ${counts}.\n`);
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

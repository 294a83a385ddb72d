import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSlackExport } from '../../src/examples/synthetic-export.js';
import { generateWorkspace } from '../../src/examples/synthetic-workspace.js';
import { importHistory } from '../../src/import/import-history.js';
import { openStore } from '../../src/store/open-store.js';
import { median, round, spread } from '../stats.js';
import { rounded } from './adapter-overhead.js';
import { newMessages } from './incremental-pass.js';
export async function measureImport(options) {
    const results = [];
    for (const size of options.sizes) {
        const exportDir = join(options.dir, `export-${size}`);
        await mkdir(options.dir, { recursive: true });
        await writeSlackExport(generateWorkspace({ messages: size, seed: 42 }), exportDir);
        const runs = [];
        for (let rep = 0; rep < options.repetitions; rep++) {
            const path = join(options.dir, `import-${size}-${rep}.sqlite`);
            await removeDatabase(path);
            const store = await openStore(`sqlite://${path}`);
            const started = performance.now();
            const report = await importHistory(store, exportDir);
            const ms = performance.now() - started;
            await store.close();
            await removeDatabase(path);
            runs.push({ ms: round(ms), added: report.messages.added });
        }
        results.push({
            messages: size,
            repetitions: options.repetitions,
            messagesPerSecond: round(median(runs.map((r) => (r.added / r.ms) * 1000)), 0),
            runs,
        });
    }
    return results;
}
export async function measureLiveIngest(engine, channels, options) {
    const fresh = newMessages(options.afterMs, options.count);
    const times = [];
    for (const [i, message] of fresh.entries()) {
        const channel = channels[i % channels.length];
        const started = performance.now();
        await engine.ingest({ type: 'message', channel, message });
        times.push(performance.now() - started);
    }
    return { historyMessages: options.historyMessages, messages: fresh.length, latency: rounded(spread(times)) };
}
async function removeDatabase(path) {
    for (const suffix of ['', '-wal', '-shm'])
        await rm(`${path}${suffix}`, { force: true });
}

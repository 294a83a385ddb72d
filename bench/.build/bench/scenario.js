import { join } from 'node:path';
import { openEngine } from './engine.js';
import { sliceHistory } from './workspace/slices.js';
import { buildWorkspace } from './workspace/synthetic.js';
export async function prepareScenario(model, options) {
    const started = performance.now();
    const workspace = buildWorkspace({ messages: options.size, seed: options.seed });
    await model.teach(workspace.facts);
    const baseline = await openEngine(join(options.dir, 'baseline.sqlite'), model.url);
    for (const { channel, messages } of workspace.channels)
        await ingestInBatches(baseline, channel, messages);
    const sleep = await openEngine(join(options.dir, 'sleep.sqlite'), model.url);
    const { slices, unread } = sliceHistory(workspace.channels, options.parts);
    const passes = { ok: 0, failed: 0, skipped: 0, failures: [] };
    let onboardingSleepTokens = 0;
    for (const slice of slices) {
        for (const { channel, messages } of slice)
            await ingestInBatches(sleep, channel, messages);
        for (const { channel } of slice) {
            const report = await sleep.engine.rethink(channel.key);
            tally(passes, report);
            onboardingSleepTokens += report.tokens;
        }
    }
    for (const { channel, message } of unread)
        await sleep.engine.ingest({ type: 'message', channel, message });
    return { workspace, sleep, baseline, onboardingSleepTokens, passes, setupMs: performance.now() - started };
}
export function tally(passes, report) {
    if (report.status === 'ok')
        passes.ok++;
    else if (report.status === 'failed') {
        passes.failed++;
        if (passes.failures.length < 5)
            passes.failures.push(`${report.channel}: ${report.reason}`);
    }
    else
        passes.skipped++;
}
/** History goes in as an import would write it: batches of 5,000 (DefaultImportOptions). */
async function ingestInBatches(target, channel, messages) {
    for (let start = 0; start < messages.length; start += 5_000) {
        await target.engine.ingestHistory(channel, messages.slice(start, start + 5_000));
    }
}
export async function closeScenario(scenario) {
    await scenario.sleep.close();
    await scenario.baseline.close();
}

import { openEngine } from './engine.js';
import { tally } from './scenario.js';
import { buildWorkspace } from './workspace/synthetic.js';
/**
 * Several synthetic workspaces (distinct seeds) side by side in one SQLite store, five channels
 * each, with one pass over every channel: the store the memory and load measures serve from.
 */
export async function prepareMultiStore(model, options) {
    const bench = await openEngine(options.path, model.url);
    const channels = [];
    const questions = [];
    const passes = { ok: 0, failed: 0, skipped: 0, failures: [] };
    let messages = 0;
    try {
        for (let i = 0; i < options.workspaces; i++) {
            const workspace = buildWorkspace({ messages: options.messagesEach, seed: options.firstSeed + i, tag: `${options.tagPrefix}${i}` });
            await model.teach(workspace.facts);
            for (const { channel, messages: history } of workspace.channels) {
                for (let start = 0; start < history.length; start += 5_000)
                    await bench.engine.ingestHistory(channel, history.slice(start, start + 5_000));
                messages += history.length;
                channels.push(channel);
            }
            questions.push(...workspace.questions);
        }
        for (const channel of channels)
            tally(passes, await bench.engine.rethink(channel.key));
    }
    finally {
        await bench.close();
    }
    return { path: options.path, channels, questions, messages, passes };
}

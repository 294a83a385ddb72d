import { mean, round } from '../stats.js';
export async function measureSteadyPass(model, scenario) {
    const totals = [];
    let messagesRead = 0;
    let failed = 0;
    for (const { channel } of scenario.workspace.channels) {
        const mark = await model.mark();
        const report = await scenario.sleep.engine.rethink(channel.key);
        const calls = await model.calls(mark);
        if (report.status === 'failed')
            failed++;
        if (report.status !== 'ok')
            continue;
        messagesRead += report.messagesRead;
        totals.push({ prompt: calls.reduce((s, c) => s + c.promptTokens, 0), completion: calls.reduce((s, c) => s + c.completionTokens, 0) });
    }
    return {
        size: scenario.workspace.size,
        seed: scenario.workspace.seed,
        channels: totals.length,
        meanTokensPerChannel: round(mean(totals.map((t) => t.prompt + t.completion))),
        meanPromptTokensPerChannel: round(mean(totals.map((t) => t.prompt))),
        meanCompletionTokensPerChannel: round(mean(totals.map((t) => t.completion))),
        messagesRead,
        failed,
    };
}

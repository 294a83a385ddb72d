import { buildWorkspace } from '../workspace/synthetic.js';
/**
 * Measure 6: a pass over 200 new messages in one channel (#eng-platform), after the history has
 * been passed. The same 200 messages (taken from another seed's workspace, re-timed to follow the
 * history) go into every size, so only the history under them differs.
 */
export const NewMessagesPerPass = 200;
const SOURCE = { messages: 1_000, seed: 7, channel: 'eng-platform' };
/** The 200 new messages, timed a minute apart after `afterMs`, with Slack-style ids. */
export function newMessages(afterMs, count = NewMessagesPerPass) {
    const source = buildWorkspace({ messages: SOURCE.messages, seed: SOURCE.seed }).channels.find((c) => c.channel.name === SOURCE.channel);
    if (!source || source.messages.length < count)
        throw new Error(`bench: source channel has fewer than ${count} messages`);
    const start = Math.ceil(afterMs / 60_000) * 60_000;
    return source.messages.slice(0, count).map((m, i) => {
        const ts = start + (i + 1) * 60_000;
        return { id: `${Math.floor(ts / 1000)}.000100`, ts, user: m.user, userName: m.userName, text: m.text };
    });
}
export async function measureIncrementalPass(model, scenario) {
    const target = scenario.workspace.channels.find((c) => c.channel.name === SOURCE.channel);
    if (!target)
        throw new Error(`bench: no #${SOURCE.channel} in the workspace`);
    const latest = Math.max(...scenario.workspace.channels.flatMap((c) => c.messages.map((m) => m.ts)));
    const fresh = newMessages(latest);
    for (const message of fresh)
        await scenario.sleep.engine.ingest({ type: 'message', channel: target.channel, message });
    const mark = await model.mark();
    const report = await scenario.sleep.engine.rethink(target.channel.key);
    const calls = await model.calls(mark);
    return {
        size: scenario.workspace.size,
        seed: scenario.workspace.seed,
        historyMessages: scenario.workspace.size,
        newMessages: fresh.length,
        messagesRead: report.messagesRead,
        calls: calls.length,
        promptTokens: calls.reduce((s, c) => s + c.promptTokens, 0),
        completionTokens: calls.reduce((s, c) => s + c.completionTokens, 0),
        status: report.status,
    };
}

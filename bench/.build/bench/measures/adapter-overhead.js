import { BotProcess } from '../bot/bot-client.js';
import { ZeroLatency } from '../model/latency.js';
import { BenchSlack } from '../slack/fake-workspace.js';
import { appMention, BotUserId, callback, messageEvent, said } from '../slack/payloads.js';
import { deliverEvent } from '../slack/signed.js';
import { round, spread } from '../stats.js';
export async function measureAdapterOverhead(model, options) {
    await model.configure({ latency: ZeroLatency });
    const slack = await BenchSlack.start(options.channels);
    const bot = await BotProcess.start({ storePath: options.storePath, modelUrl: model.url, slackApiUrl: slack.apiUrl, botToken: slack.fake.botToken });
    const askerIn = new Map(options.channels.map((c) => [c.id, c.members?.[0] ?? 'U05DANIEL0']));
    const samples = { cached: [], warm: [], warmRaw: [], other: 0 };
    const mention = async (question, alsoMessageEvent) => {
        const m = said(question.channelId, askerIn.get(question.channelId), `<@${BotUserId}> ${question.text}`);
        const answeredBefore = bot.answered.length;
        const mark = await model.mark();
        const started = performance.now();
        const deliveries = [deliverEvent(bot.eventsUrl, callback(appMention(m)))];
        if (alsoMessageEvent)
            deliveries.push(deliverEvent(bot.eventsUrl, callback(messageEvent(m))));
        const reply = await slack.answerIn(m.ts);
        const rawMs = reply.at - started;
        await Promise.all(deliveries);
        await until(() => bot.answered.length > answeredBefore);
        const calls = await model.calls(mark);
        return { path: bot.answered[answeredBefore].path, rawMs, modelMs: calls.reduce((s, c) => s + c.handlingMs, 0) };
    };
    try {
        const anticipated = options.questions.filter((q) => q.phrasing === 'anticipated');
        const paraphrased = options.questions.filter((q) => q.phrasing === 'paraphrase');
        for (let i = 0; i < options.samples.warmup; i++)
            await mention(options.questions[i % options.questions.length], false);
        const record = (r) => {
            if (r.path === 'cached')
                samples.cached.push(r.rawMs);
            else if (r.path === 'warm') {
                samples.warm.push(r.rawMs - r.modelMs);
                samples.warmRaw.push(r.rawMs);
            }
            else
                samples.other++;
        };
        for (let i = 0; i < options.samples.cached; i++)
            record(await mention(anticipated[i % anticipated.length], false));
        for (let i = 0; i < options.samples.warm; i++)
            record(await mention(paraphrased[i % paraphrased.length], false));
        const paths = {};
        for (let i = 0; i < options.samples.asDelivered; i++) {
            const r = await mention(anticipated[i % anticipated.length], true);
            paths[r.path] = (paths[r.path] ?? 0) + 1;
        }
        return {
            historyMessages: options.historyMessages,
            cached: rounded(spread(samples.cached)),
            warm: rounded(spread(samples.warm)),
            warmRaw: rounded(spread(samples.warmRaw)),
            other: samples.other,
            asDelivered: { mentions: options.samples.asDelivered, paths },
            problems: bot.problems.slice(0, 10),
        };
    }
    finally {
        await bot.stop();
        await slack.close();
    }
}
export function rounded(s) {
    return { n: s.n, p50: round(s.p50, 2), p95: round(s.p95, 2), p99: round(s.p99, 2), max: round(s.max, 2) };
}
export async function until(probe, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
        if (Date.now() > deadline)
            throw new Error('bench: timed out waiting');
        await new Promise((resolve) => setTimeout(resolve, 2));
    }
}

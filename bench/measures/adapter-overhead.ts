import type { Channel } from '../../src/core/types.js';
import { BotProcess } from '../bot/bot-client.js';
import type { FakeModel } from '../model/fake-model.js';
import { ZeroLatency } from '../model/latency.js';
import { BenchSlack } from '../slack/fake-workspace.js';
import { appMention, BotUserId, callback, messageEvent, said } from '../slack/payloads.js';
import { deliverEvent } from '../slack/signed.js';
import { medianSpread, round, spread, type Spread } from '../stats.js';
import type { BenchQuestion } from '../workspace/questions.js';

/**
 * Measure 4: Mull's own overhead with a zero-latency model, from a mention event leaving "Slack"
 * (signed HTTP POST to the bot process) to the answer's `chat.postMessage` reaching it. The fake
 * model's own compute time (tokenizing, writing JSON) is subtracted from warm answers; the HTTP
 * round trip to it is Mull's and stays in.
 *
 * Mentions are delivered as `app_mention` only, so that the question itself is not ingested
 * before it is answered; `asDelivered` then shows what happens when Slack's `message` event for
 * the same mention arrives too, as it does for an app subscribed to channel messages.
 */
export interface AdapterOverhead {
  historyMessages: number;
  repetitions: number;
  /**
   * Answers by the path they took: each percentile the median over repetitions, n over all;
   * warm answers net of the fake model's compute. @unit milliseconds
   */
  cached: Spread;
  warm: Spread;
  /** Warm answers before subtracting the fake model's compute. @unit milliseconds */
  warmRaw: Spread;
  /** Answers on other paths (cold fallback), not in either group. */
  other: number;
  asDelivered: { mentions: number; paths: Record<string, number> };
  problems: string[];
}

export async function measureAdapterOverhead(
  model: FakeModel,
  options: { storePath: string; historyMessages: number; channels: readonly Channel[]; questions: readonly BenchQuestion[]; samples: { warmup: number; cached: number; warm: number; asDelivered: number; repetitions: number } },
): Promise<AdapterOverhead> {
  await model.configure({ latency: ZeroLatency });
  const slack = await BenchSlack.start(options.channels);
  const bot = await BotProcess.start({ storePath: options.storePath, modelUrl: model.url, slackApiUrl: slack.apiUrl, botToken: slack.fake.botToken });
  const askerIn = new Map(options.channels.map((c) => [c.id, c.members?.[0] ?? 'U05DANIEL0']));
  const reps: { cached: number[]; warm: number[]; warmRaw: number[] }[] = [];
  let other = 0;

  const mention = async (question: BenchQuestion, alsoMessageEvent: boolean) => {
    const m = said(question.channelId, askerIn.get(question.channelId)!, `<@${BotUserId}> ${question.text}`);
    const answeredBefore = bot.answered.length;
    const mark = await model.mark();
    const started = performance.now();
    const deliveries = [deliverEvent(bot.eventsUrl, callback(appMention(m)))];
    if (alsoMessageEvent) deliveries.push(deliverEvent(bot.eventsUrl, callback(messageEvent(m))));
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
    for (let i = 0; i < options.samples.warmup; i++) await mention(options.questions[i % options.questions.length], false);
    for (let rep = 0; rep < options.samples.repetitions; rep++) {
      const samples = { cached: [] as number[], warm: [] as number[], warmRaw: [] as number[] };
      const record = (r: { path: string; rawMs: number; modelMs: number }) => {
        if (r.path === 'cached') samples.cached.push(r.rawMs);
        else if (r.path === 'warm') {
          samples.warm.push(r.rawMs - r.modelMs);
          samples.warmRaw.push(r.rawMs);
        } else other++;
      };
      for (let i = 0; i < options.samples.cached; i++) record(await mention(anticipated[i % anticipated.length], false));
      for (let i = 0; i < options.samples.warm; i++) record(await mention(paraphrased[i % paraphrased.length], false));
      reps.push(samples);
    }
    const paths: Record<string, number> = {};
    for (let i = 0; i < options.samples.asDelivered; i++) {
      const r = await mention(anticipated[i % anticipated.length], true);
      paths[r.path] = (paths[r.path] ?? 0) + 1;
    }
    return {
      historyMessages: options.historyMessages,
      repetitions: options.samples.repetitions,
      cached: rounded(medianSpread(reps.map((r) => spread(r.cached)))),
      warm: rounded(medianSpread(reps.map((r) => spread(r.warm)))),
      warmRaw: rounded(medianSpread(reps.map((r) => spread(r.warmRaw)))),
      other,
      asDelivered: { mentions: options.samples.asDelivered, paths },
      problems: bot.problems.slice(0, 10),
    };
  } finally {
    await bot.stop();
    await slack.close();
  }
}

export function rounded(s: Spread): Spread {
  return { n: s.n, p50: round(s.p50, 2), p95: round(s.p95, 2), p99: round(s.p99, 2), max: round(s.max, 2) };
}

export async function until(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('bench: timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

import { BotProcess } from '../bot/bot-client.js';
import type { FakeModel } from '../model/fake-model.js';
import { ZeroLatency } from '../model/latency.js';
import type { MultiStore } from '../multi-store.js';
import { BenchSlack } from '../slack/fake-workspace.js';
import { appMention, BotUserId, callback, messageEvent, said } from '../slack/payloads.js';
import { deliverEvent } from '../slack/signed.js';
import { median } from '../stats.js';
import { Paraphrases } from '../workspace/questions.js';
import { newMessages } from './incremental-pass.js';

/**
 * Measure 7: peak resident memory of the bot process (store, engine, Slack adapter) while it
 * serves answers over a store of many channels: a mention per question in every channel, live
 * messages, and DMs whose scope is every channel (so every channel's history is searched in the database).
 * Peak = the larger of the process's own high-water mark (VmHWM, own-peak-rss.ts) and RSS sampled every 20 ms; a fresh process per
 * repetition.
 */
export const DmUser = 'U05BENCHDM';
const DmChannel = 'DBENCHDM01';

export interface MemoryRun {
  answers: number;
  liveMessages: number;
  /** @unit bytes */
  peakRssBytes: number;
  maxRssBytes: number;
  sampledPeakRssBytes: number;
  /** Resident memory right after start-up, before the first event. @unit bytes */
  startRssBytes: number;
  heapUsedBytes: number;
  paths: Record<string, number>;
}

export interface MemoryFigure {
  messages: number;
  channels: number;
  repetitions: number;
  /** Median over repetitions of each process's peak. @unit bytes */
  peakRssBytes: number;
  /** The highest peak of any repetition. @unit bytes */
  highestPeakRssBytes: number;
  startRssBytes: number;
  runs: MemoryRun[];
  problems: string[];
}

export async function measureMemory(
  model: FakeModel,
  store: MultiStore,
  options: { liveMessages: number; dms: number; repetitions: number },
): Promise<MemoryFigure> {
  await model.configure({ latency: ZeroLatency });
  const runs: MemoryRun[] = [];
  const problems: string[] = [];
  for (let rep = 0; rep < options.repetitions; rep++) runs.push(await serveOnce(model, store, options, rep, problems));
  return {
    messages: store.messages,
    channels: store.channels.length,
    repetitions: runs.length,
    peakRssBytes: median(runs.map((r) => r.peakRssBytes)),
    highestPeakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    startRssBytes: median(runs.map((r) => r.startRssBytes)),
    runs,
    problems: problems.slice(0, 10),
  };
}

async function serveOnce(model: FakeModel, store: MultiStore, options: { liveMessages: number; dms: number }, rep: number, problems: string[]): Promise<MemoryRun> {
  const slack = await BenchSlack.start(store.channels, [DmUser]);
  slack.fake.addChannel({ id: DmChannel, is_im: true, user: DmUser, members: [slack.fake.bot.userId, DmUser] });
  const bot = await BotProcess.start({ storePath: store.path, modelUrl: model.url, slackApiUrl: slack.apiUrl, botToken: slack.fake.botToken });
  try {
    const start = await bot.stats();
    const askerIn = new Map(store.channels.map((c) => [c.id, c.members?.[0] ?? DmUser]));
    let answers = 0;
    for (const q of store.questions) {
      const m = said(q.channelId, askerIn.get(q.channelId)!, `<@${BotUserId}> ${q.text}`);
      const delivered = deliverEvent(bot.eventsUrl, callback(appMention(m)));
      await slack.answerIn(m.ts);
      await delivered;
      answers++;
    }
    const live = newMessages(Date.now() - (rep + 2) * 86_400_000, options.liveMessages);
    for (const [i, message] of live.entries()) {
      const channel = store.channels[i % store.channels.length];
      await deliverEvent(bot.eventsUrl, callback(messageEvent(said(channel.id, askerIn.get(channel.id)!, message.text))));
    }
    const dmQuestions = Object.values(Paraphrases);
    for (let i = 0; i < options.dms; i++) {
      const m = said(DmChannel, DmUser, dmQuestions[i % dmQuestions.length], 'im');
      const next = slack.nextAnswerInChannel(DmChannel);
      await deliverEvent(bot.eventsUrl, callback(messageEvent(m)));
      await next;
      answers++;
    }
    const end = await bot.stats();
    const paths: Record<string, number> = {};
    for (const a of bot.answered) paths[a.path] = (paths[a.path] ?? 0) + 1;
    problems.push(...bot.problems);
    return {
      answers,
      liveMessages: live.length,
      peakRssBytes: Math.max(end.maxRssBytes, end.sampledPeakRssBytes),
      maxRssBytes: end.maxRssBytes,
      sampledPeakRssBytes: end.sampledPeakRssBytes,
      startRssBytes: start.rssBytes,
      heapUsedBytes: end.heapUsedBytes,
      paths,
    };
  } finally {
    await bot.stop();
    await slack.close();
  }
}

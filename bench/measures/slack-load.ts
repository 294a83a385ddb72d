import { BotProcess } from '../bot/bot-client.js';
import type { FakeModel } from '../model/fake-model.js';
import { FixedLatency300, ZeroLatency } from '../model/latency.js';
import type { MultiStore } from '../multi-store.js';
import { BenchSlack } from '../slack/fake-workspace.js';
import { appMention, BotUserId, callback, freshEventId, messageEvent, said, slashCommand } from '../slack/payloads.js';
import { deliverCommand, deliverEvent, type Delivery } from '../slack/signed.js';
import { medianSpread, spread, type Spread } from '../stats.js';
import { rounded } from './adapter-overhead.js';

/**
 * Measure 8: mentions spread evenly over a window, across many channels, through the Slack HTTP
 * path, with a model that takes 300 ms per call. Each mention arrives as Slack sends it: the
 * `app_mention` and the `message` event for the same message; every tenth `app_mention` is also
 * redelivered (X-Slack-Retry-Num: 1), as Slack does when it thinks an ack was lost. Slash commands
 * (/rethink, /mull stats, /mull ask) are interleaved, and their acks timed. A fresh bot process
 * per repetition, on the same store.
 */
export interface LoadRun {
  mentions: number;
  answeredExactlyOnce: number;
  /** Mentions with more than one answer. */
  duplicated: number;
  unanswered: number;
  /** Mentions answered with Mull's apology instead of an answer. */
  apologies: number;
  /** From the mention's delivery to its finished answer reaching Slack. @unit milliseconds */
  replyLatency: Spread;
  /** From the mention's delivery to the first thing posted in its thread (a streamed draft, or the answer). @unit milliseconds */
  firstReply: Spread;
  /** Acks timed over every command; `failed` did not get HTTP 200. */
  commands: { sent: number; failed: number; ack: Spread; slowestCommand: string; responses: number };
  paths: Record<string, number>;
  redeliveries: number;
}

export interface SlackLoad {
  channels: number;
  /** Per repetition. */
  mentions: number;
  repetitions: number;
  /** @unit seconds */
  windowSeconds: number;
  modelLatencyMs: number;
  /** Summed over repetitions. */
  totals: { mentions: number; answeredExactlyOnce: number; duplicated: number; unanswered: number; apologies: number; commands: number; commandsFailed: number };
  /** Each percentile the median over repetitions; max the largest seen. @unit milliseconds */
  replyLatency: Spread;
  firstReply: Spread;
  commandAck: Spread;
  runs: LoadRun[];
  problems: string[];
}

const COMMANDS = ['/rethink', '/mull stats', '/mull ask'] as const;

export async function measureSlackLoad(
  model: FakeModel,
  store: MultiStore,
  options: { mentions: number; windowSeconds: number; commands: number; repetitions: number; bots?: number },
): Promise<SlackLoad> {
  const runs: LoadRun[] = [];
  const problems: string[] = [];
  await model.configure({ latency: FixedLatency300 });
  try {
    for (let rep = 0; rep < options.repetitions; rep++) runs.push(await loadOnce(model, store, options, problems));
  } finally {
    await model.configure({ latency: ZeroLatency });
  }
  const total = (pick: (r: LoadRun) => number) => runs.reduce((s, r) => s + pick(r), 0);
  return {
    channels: new Set(store.questions.map((q) => q.channelId)).size,
    mentions: options.mentions,
    repetitions: runs.length,
    windowSeconds: options.windowSeconds,
    modelLatencyMs: FixedLatency300.fixedMs,
    totals: {
      mentions: total((r) => r.mentions),
      answeredExactlyOnce: total((r) => r.answeredExactlyOnce),
      duplicated: total((r) => r.duplicated),
      unanswered: total((r) => r.unanswered),
      apologies: total((r) => r.apologies),
      commands: total((r) => r.commands.sent),
      commandsFailed: total((r) => r.commands.failed),
    },
    replyLatency: rounded(medianSpread(runs.map((r) => r.replyLatency))),
    firstReply: rounded(medianSpread(runs.map((r) => r.firstReply))),
    commandAck: rounded(medianSpread(runs.map((r) => r.commands.ack))),
    runs,
    problems: problems.slice(0, 10),
  };
}

async function loadOnce(model: FakeModel, store: MultiStore, options: { mentions: number; windowSeconds: number; commands: number; bots?: number }, problems: string[]): Promise<LoadRun> {
  const slack = await BenchSlack.start(store.channels);
  // `bots` replicas on one store (issue 12): mention i goes to replica i % bots, its redelivery to the next one.
  const bots = await Promise.all(Array.from({ length: options.bots ?? 1 }, () => BotProcess.start({ storePath: store.path, modelUrl: model.url, slackApiUrl: slack.apiUrl, botToken: slack.fake.botToken })));
  const replica = (i: number) => bots[i % bots.length]!;
  const byChannel = new Map(store.channels.map((c) => [c.id, store.questions.filter((q) => q.channelId === c.id)]));
  const asked = store.channels.filter((c) => (byChannel.get(c.id) ?? []).length > 0);
  const spacing = (options.windowSeconds * 1000) / options.mentions;
  const sent: { ts: string; at: number }[] = [];
  const acks: { command: string; delivery: Delivery }[] = [];
  const pending: Promise<unknown>[] = [];
  let redeliveries = 0;
  const at = (ms: number, work: () => Promise<unknown>) => pending.push(new Promise((resolve) => setTimeout(resolve, ms)).then(work));
  try {
    for (let i = 0; i < options.mentions; i++) {
      const channel = asked[i % asked.length];
      const questions = byChannel.get(channel.id)!;
      const question = questions[Math.floor(i / asked.length) % questions.length];
      const user = channel.members?.[0] ?? 'U05DANIEL0';
      at(i * spacing, async () => {
        const m = said(channel.id, user, `<@${BotUserId}> ${question.text}`);
        const eventId = freshEventId();
        sent.push({ ts: m.ts, at: performance.now() });
        const deliveries = [deliverEvent(replica(i).eventsUrl, callback(appMention(m), eventId)), deliverEvent(replica(i).eventsUrl, callback(messageEvent(m)))];
        if (i % 10 === 0) {
          redeliveries++;
          deliveries.push(new Promise((resolve) => setTimeout(resolve, 100)).then(() => deliverEvent(replica(i + 1).eventsUrl, callback(appMention(m), eventId), 1)));
        }
        await Promise.all(deliveries);
      });
    }
    const commandSpacing = (options.windowSeconds * 1000) / Math.max(1, options.commands);
    for (let j = 0; j < options.commands; j++) {
      const channel = asked[(j * 7) % asked.length];
      const command = COMMANDS[j % COMMANDS.length];
      const [name, sub] = command.split(' ');
      const text = sub === 'ask' ? `ask ${byChannel.get(channel.id)![0].text}` : (sub ?? '');
      at(j * commandSpacing + spacing / 2, async () => {
        const delivery = await deliverCommand(replica(j).eventsUrl, slashCommand(name, text, channel.id, channel.members?.[0] ?? 'U05DANIEL0', slack.fake.responseUrl(`bench-${j}`)));
        acks.push({ command, delivery });
      });
    }
    await Promise.all(pending);
    const latencies: number[] = [];
    await Promise.all(
      sent.map(async ({ ts, at: sentAt }) => {
        const answer = await slack.answerIn(ts, 60_000).catch(() => undefined);
        if (answer) latencies.push(answer.at - sentAt);
      }),
    );
    // Let any duplicate answer (a second claim, a redelivery) land before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const finals = new Map<string, number>();
    for (const reply of slack.replies) if (reply.final) finals.set(reply.threadTs, (finals.get(reply.threadTs) ?? 0) + 1);
    const apologies = new Set(slack.replies.filter((r) => r.error).map((r) => r.threadTs));
    const counts = sent.map(({ ts }) => finals.get(ts) ?? 0);
    const firsts = sent.flatMap(({ ts, at: sentAt }) => {
      const first = slack.firstReplyIn(ts);
      return first ? [first.at - sentAt] : [];
    });
    const paths: Record<string, number> = {};
    for (const a of bots.flatMap((b) => b.answered)) paths[a.path] = (paths[a.path] ?? 0) + 1;
    const slowest = acks.reduce((worst, a) => (a.delivery.ackMs > (worst?.delivery.ackMs ?? -1) ? a : worst), acks[0]);
    problems.push(...bots.flatMap((b) => b.problems));
    return {
      mentions: sent.length,
      answeredExactlyOnce: sent.filter(({ ts }, i) => counts[i] === 1 && !apologies.has(ts)).length,
      duplicated: counts.filter((c) => c > 1).length,
      unanswered: counts.filter((c) => c === 0).length,
      apologies: sent.filter(({ ts }) => apologies.has(ts)).length,
      replyLatency: spread(latencies),
      firstReply: spread(firsts),
      commands: {
        sent: acks.length,
        failed: acks.filter((a) => a.delivery.status !== 200).length,
        ack: spread(acks.filter((a) => a.delivery.status === 200).map((a) => a.delivery.ackMs)),
        slowestCommand: slowest ? `${slowest.command} (HTTP ${slowest.delivery.status})` : '',
        responses: slack.fake.responses.length,
      },
      paths,
      redeliveries,
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await slack.close();
  }
}

import type { EvalChannel, EvalDataset, EvalMessage, EvalQuestion } from '../../src/eval/dataset.js';
import { chatterLine, People, prng } from './chatter.js';
import { EvalChannels, PlantedFacts, type PlantedFact } from './facts.js';

/**
 * The eval dataset, deterministically: each channel's history (chatter with the planted facts at
 * their days), a few messages after the last pass (the changes, among chatter), and the questions.
 * `examples/eval/*.jsonl` are its output (bench/write-eval-dataset.ts writes them); the bench
 * builds larger histories with the same code.
 */
export interface DatasetOptions {
  /** Chatter messages per channel in the history. */
  chatterPerChannel: number;
  /** Chatter messages per channel after the last pass, around the changes. */
  chatterAfterPass: number;
  seed: number;
  /** Only these facts (all by default): the CI set keeps a few. */
  facts?: readonly string[];
}

export const ShippedDatasets = {
  /** The default `mull eval` set: four channels, 22 facts, 55 questions, about 700 messages. */
  'channel-qa': { chatterPerChannel: 160, chatterAfterPass: 6, seed: 7 },
  /** CI's set: two channels, five facts. */
  tiny: { chatterPerChannel: 12, chatterAfterPass: 2, seed: 7, facts: ['launch/date', 'launch/party', 'pricing/pro', 'pricing/enterprise', 'billing/owner'] },
} as const satisfies Record<string, DatasetOptions>;

/** Day 0 of the history. @unit epoch milliseconds */
const Start = Date.UTC(2025, 0, 6, 0, 0);
const Day = 86_400_000;
/** Days of history; the changes arrive the day after. */
const HistoryDays = 40;

export function generateDataset(options: DatasetOptions): EvalDataset {
  const facts = PlantedFacts.filter((f) => !options.facts || options.facts.includes(f.id));
  const random = prng(options.seed);
  const channels: EvalChannel[] = [];
  for (const name of EvalChannels) {
    const own = facts.filter((f) => f.channel === name);
    if (own.length === 0) continue;
    const messages: EvalMessage[] = [];
    let n = 0;
    const id = () => `${name}-${String(++n).padStart(5, '0')}`;
    const chatter = (ts: number, afterPass: boolean) =>
      messages.push({ id: id(), ts, user: People[Math.floor(random() * People.length)]!, text: chatterLine(name, random), afterPass });
    // Chatter spread over the working hours of the history's days, in time order.
    const times = Array.from({ length: options.chatterPerChannel }, () => Start + Math.floor(random() * HistoryDays) * Day + (9 + random() * 9) * 3_600_000)
      .map(Math.floor)
      .sort((a, b) => a - b);
    for (const ts of times) chatter(ts, false);
    for (const fact of own) {
      fact.history.forEach((h, i) => messages.push({ id: id(), ts: Start + h.day * Day + (10 + i) * 3_600_000 + 17 * 60_000, user: h.user, text: h.text, afterPass: false }));
    }
    const after = Start + HistoryDays * Day + 9 * 3_600_000;
    for (let i = 0; i < options.chatterAfterPass; i++) chatter(after + i * 20 * 60_000, true);
    own.filter((f) => f.after).forEach((fact, i) => messages.push({ id: id(), ts: after + (i * 2 + 1) * 10 * 60_000 + 5 * 60_000, user: fact.after!.user, text: fact.after!.text, afterPass: true }));
    messages.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
    channels.push({ id: name, name, messages });
  }
  return { channels, questions: facts.flatMap(questionsOf) };
}

function questionsOf(fact: PlantedFact): EvalQuestion[] {
  return fact.questions.map((text, i) => ({
    id: `${fact.id}#${i + 1}`,
    channel: fact.channel,
    text,
    gold: fact.gold,
    mustContain: [...fact.mustContain],
    forbidden: [],
    stale: [...(fact.stale ?? [])],
    kind: fact.kind,
    fact: fact.id,
  }));
}

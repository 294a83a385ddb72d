import { slackChannelKey } from '../../src/adapters/slack/channels.js';
import type { Channel, StoredMessage } from '../../src/core/types.js';
import { toRecords, type SyntheticChannelRecords } from '../../examples/generator/synthetic-records.js';
import { generateWorkspace, type SyntheticWorkspace } from '../../examples/generator/synthetic-workspace.js';
import { renderedText, type TaughtFact } from '../model/knowledge.js';
import { wordingsOf, type BenchQuestion } from './questions.js';

/** The team the fake Slack (test/fakes/fake-slack.ts) answers `auth.test` with. */
export const BenchTeamId = 'T0MULL';

export interface BenchWorkspace {
  seed: number;
  size: number;
  /** Distinguishes channels when several workspaces share one store ('' for none). */
  tag: string;
  ws: SyntheticWorkspace;
  /** Channels keyed for the bench team, with their history, oldest first. */
  channels: SyntheticChannelRecords[];
  facts: TaughtFact[];
  questions: BenchQuestion[];
}

/**
 * A synthetic workspace (examples/generator) as the bench uses it: channels re-keyed to the fake Slack's
 * team (and tagged, when several workspaces share a store), the planted facts as the fake model is
 * taught them, and the question set.
 */
export function buildWorkspace(options: { messages: number; seed: number; tag?: string }): BenchWorkspace {
  const tag = options.tag ?? '';
  const ws = generateWorkspace({ messages: options.messages, seed: options.seed });
  const records = toRecords(ws);
  const channels = records.channels.map((c) => ({ channel: rekey(c.channel, tag), messages: c.messages }));
  const byName = new Map(records.channels.map((c, i) => [c.channel.name, { original: c, bench: channels[i] }]));
  const facts: TaughtFact[] = [];
  const questions: BenchQuestion[] = [];
  for (const fact of ws.facts) {
    const home = byName.get(fact.channel);
    if (!home) continue;
    const evidence = evidenceTexts(home.original.messages, fact.evidence.filter((e) => e.channel === fact.channel).map((e) => e.id));
    if (evidence.length === 0) continue;
    let answer = evidence[0];
    const missing = fact.expected.filter((k) => !answer.toLowerCase().includes(k.toLowerCase()));
    if (missing.length) answer = `${answer} (${missing.join(', ')})`;
    const mustContain = fact.expected.length ? [...fact.expected] : [answer.slice(0, 40)];
    const forbidden = [...(fact.forbidden ?? [])];
    const wordings = wordingsOf(fact);
    const id = `${options.seed}${tag}@${options.messages}/${fact.id}`;
    facts.push({ id, kind: fact.kind, question: fact.question, askedAs: wordings.map((w) => w.text), answer, mustContain, forbidden, evidence });
    for (const wording of wordings) {
      questions.push({ factId: id, channelKey: home.bench.channel.key, channelId: home.bench.channel.id, text: wording.text, phrasing: wording.phrasing, mustContain, forbidden });
    }
  }
  return { seed: options.seed, size: options.messages, tag, ws, channels, facts, questions };
}

/** Evidence messages' texts as prompt lines render them, earliest first, each once. */
function evidenceTexts(messages: readonly StoredMessage[], ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  const texts = messages.filter((m) => wanted.has(m.id)).map((m) => renderedText(m.text));
  return [...new Set(texts)];
}

function rekey(channel: Channel, tag: string): Channel {
  const id = tag ? `C${tag}${channel.id.slice(3)}` : channel.id;
  return {
    ...channel,
    key: slackChannelKey(BenchTeamId, id),
    workspace: BenchTeamId,
    id,
    name: tag ? `${channel.name}-${tag.toLowerCase()}` : channel.name,
  };
}

/** Every message of the workspaces, with its channel, in time order. */
export function timeline(channels: readonly SyntheticChannelRecords[]): { channel: Channel; message: StoredMessage }[] {
  return channels.flatMap((c) => c.messages.map((message) => ({ channel: c.channel, message }))).sort((a, b) => a.message.ts - b.message.ts);
}

import type { Channel } from '../src/core/types.js';
import { openEngine } from './engine.js';
import type { FakeModel } from './model/fake-model.js';
import { tally, type Scenario } from './scenario.js';
import type { BenchQuestion } from './workspace/questions.js';
import { buildWorkspace } from './workspace/synthetic.js';

export interface MultiStore {
  path: string;
  channels: Channel[];
  questions: BenchQuestion[];
  messages: number;
  passes: Scenario['passes'];
}

/**
 * Several synthetic workspaces (distinct seeds) side by side in one SQLite store, five channels
 * each, with one pass over every channel: the store the memory and load measures serve from.
 */
export async function prepareMultiStore(
  model: FakeModel,
  options: { path: string; workspaces: number; messagesEach: number; tagPrefix: string; firstSeed: number },
): Promise<MultiStore> {
  const bench = await openEngine(options.path, model.url);
  const channels: Channel[] = [];
  const questions: BenchQuestion[] = [];
  const passes = { ok: 0, failed: 0, skipped: 0, failures: [] as string[] };
  let messages = 0;
  try {
    for (let i = 0; i < options.workspaces; i++) {
      const workspace = buildWorkspace({ messages: options.messagesEach, seed: options.firstSeed + i, tag: `${options.tagPrefix}${i}` });
      await model.teach(workspace.facts);
      for (const { channel, messages: history } of workspace.channels) {
        for (let start = 0; start < history.length; start += 5_000) await bench.engine.ingestHistory(channel, history.slice(start, start + 5_000));
        messages += history.length;
        channels.push(channel);
      }
      questions.push(...workspace.questions);
    }
    for (const channel of channels) tally(passes, await bench.engine.rethink(channel.key));
  } finally {
    await bench.close();
  }
  return { path: options.path, channels, questions, messages, passes };
}

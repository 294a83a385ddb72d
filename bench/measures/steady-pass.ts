import type { FakeModel } from '../model/fake-model.js';
import type { Scenario } from '../scenario.js';
import { mean, round } from '../stats.js';

/**
 * The pass that follows a batch of questions: each channel's share of the unread messages (and
 * the questions just asked) read on top of its learned context. Its cost, shared by the questions
 * asked between two passes, is what measure 2 amortizes.
 */
export interface SteadyPass {
  size: number;
  seed: number;
  channels: number;
  /** Sleep-time tokens per channel pass (prompt + completion), mean over channels. @unit tokens */
  meanTokensPerChannel: number;
  meanPromptTokensPerChannel: number;
  meanCompletionTokensPerChannel: number;
  messagesRead: number;
  failed: number;
}

export async function measureSteadyPass(model: FakeModel, scenario: Scenario): Promise<SteadyPass> {
  const totals: { prompt: number; completion: number }[] = [];
  let messagesRead = 0;
  let failed = 0;
  for (const { channel } of scenario.workspace.channels) {
    const mark = await model.mark();
    const report = await scenario.sleep.engine.rethink(channel.key);
    const calls = await model.calls(mark);
    if (report.status === 'failed') failed++;
    if (report.status !== 'ok') continue;
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

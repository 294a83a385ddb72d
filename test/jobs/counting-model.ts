/**
 * The fake OpenAI server as a sleep model that takes its time and counts: every pass request
 * (learned_context schema) with the channel it is about, when it arrived and when it was
 * answered (or abandoned: the asking process was killed), so tests can see overlapping passes.
 */
import { startFakeOpenAI, type FakeLlmServer } from '../fakes/fake-openai.js';
import { isSleepRequest, promptOf, sleepReply, type ScriptedFact } from '../helpers/scripted-sleep-model.js';

export interface PassAtModel {
  channel: string;
  /** @unit epoch milliseconds */
  start: number;
  end: number;
}

export interface CountingModel {
  server: FakeLlmServer;
  passes: PassAtModel[];
  /** Most pass requests for one channel in flight at once. */
  maxOverlap(channel: string): number;
  /** Answer (non-pass) requests seen. */
  answers(): number;
}

export async function startCountingModel(options: {
  /** How long a pass request takes. @unit milliseconds */
  passMs: number;
  /** How long an answer takes. @unit milliseconds */
  answerMs?: number;
  facts: ScriptedFact[];
  answer?: string;
  /** The first pass request is not answered before this settles (a worker to be killed mid-pass). */
  holdFirstPass?: Promise<void>;
}): Promise<CountingModel> {
  const passes: PassAtModel[] = [];
  let answers = 0;
  const server = await startFakeOpenAI({
    reply: async (request) => {
      if (!isSleepRequest(request)) {
        answers++;
        return { text: options.answer ?? 'The launch budget is 40k dollars.', delayMs: options.answerMs ?? 0 };
      }
      const channel = /Channel: #(\S+?)\./.exec(promptOf(request).user)?.[1] ?? '?';
      const now = Date.now();
      const pass = { channel, start: now, end: now + options.passMs };
      passes.push(pass);
      if (passes.length === 1 && options.holdFirstPass) {
        await options.holdFirstPass;
        pass.end = Date.now();
      }
      return { ...sleepReply(request, options.facts), delayMs: options.passMs, usage: { promptTokens: 1_000, completionTokens: 200 } };
    },
  });
  return {
    server,
    passes,
    answers: () => answers,
    maxOverlap(channel) {
      const mine = passes.filter((p) => p.channel === channel);
      let max = 0;
      for (const p of mine) max = Math.max(max, mine.filter((q) => q.start < p.end && p.start < q.end).length);
      return max;
    },
  };
}

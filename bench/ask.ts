import type { AnswerPath } from '../src/core/types.js';
import type { RunningEngine } from '../src/engine/create-engine.js';
import type { FakeModel } from './model/fake-model.js';
import { isCorrect, type BenchQuestion } from './workspace/questions.js';

/** Who asks in the bench (a user id that is in no channel: scope is given explicitly). */
export const BenchAsker = 'U05BENCH00';

export interface AskOutcome {
  question: BenchQuestion;
  path: AnswerPath;
  /** Test-time tokens of this answer, as the fake model counted them. */
  promptTokens: number;
  /** Of the prompt tokens, the system messages (instructions + learned contexts). */
  systemTokens: number;
  completionTokens: number;
  cachedTokens: number;
  modelCalls: number;
  /** Wall time of `engine.ask`. @unit milliseconds */
  wallMs: number;
  correct: boolean;
}

/** Asks one question the way a mention does: in the fact's channel, scoped to it. */
export function ask(engine: RunningEngine, question: BenchQuestion) {
  return engine.ask({ asker: BenchAsker, askedIn: question.channelKey, scope: [question.channelKey], question: question.text });
}

/** Asks each question in turn and reads the model calls each one made. */
export async function askInTurn(engine: RunningEngine, model: FakeModel, questions: readonly BenchQuestion[]): Promise<AskOutcome[]> {
  const outcomes: AskOutcome[] = [];
  for (const question of questions) {
    const mark = await model.mark();
    const started = performance.now();
    const answer = await ask(engine, question);
    const wallMs = performance.now() - started;
    const calls = await model.calls(mark);
    outcomes.push({
      question,
      path: answer.path,
      promptTokens: sum(calls.map((c) => c.promptTokens)),
      systemTokens: sum(calls.map((c) => c.systemTokens)),
      completionTokens: sum(calls.map((c) => c.completionTokens)),
      cachedTokens: sum(calls.map((c) => c.cachedTokens)),
      modelCalls: calls.length,
      wallMs,
      correct: isCorrect(answer.text, question),
    });
  }
  return outcomes;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

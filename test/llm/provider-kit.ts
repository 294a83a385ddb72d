/** What both provider suites share: a system prefix, a schema, and helpers to drain and fail. */
import { expect } from 'vitest';
import { ProviderError } from '../../src/core/errors.js';
import type { CompletionRequest, CompletionResult, LlmProvider } from '../../src/llm/provider.js';

export const SYSTEM = 'You are Mull. Channel #launch context:\n- Launch is on 2026-12-03 (msg 1700000000.0001)\n';

export const SCHEMA = {
  name: 'sleep_pass',
  description: 'What the pass learned',
  schema: {
    type: 'object',
    properties: { summary: { type: 'string' } },
    required: ['summary'],
    additionalProperties: false,
  },
};

/** A request for `model` with the shared prefix and question. */
export function request(model: string, maxTokens: number, overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return { model, system: SYSTEM, messages: [{ role: 'user', content: 'When is the launch?' }], maxTokens, ...overrides };
}

/** Reads a stream to its end: the text deltas and the final result. */
export async function drain(provider: LlmProvider, completion: CompletionRequest) {
  const deltas: string[] = [];
  let result: CompletionResult | undefined;
  for await (const event of provider.stream(completion)) {
    if (event.type === 'text') deltas.push(event.delta);
    else result = event.result;
  }
  return { deltas, result: result! };
}

/** The ProviderError a call rejects with (fails the test if it resolves or throws anything else). */
export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

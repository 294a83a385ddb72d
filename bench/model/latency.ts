/**
 * How long the fake model takes to reply, modelling a hosted model: a fixed time per call plus
 * time per prompt token (prefill) and per completion token (decoding).
 */
export interface LatencyModel {
  /** @unit milliseconds per call */
  fixedMs: number;
  /** @unit milliseconds per prompt token */
  perPromptTokenMs: number;
  /** @unit milliseconds per completion token */
  perCompletionTokenMs: number;
}

/** The hosted-model figures: 0.2 ms per prompt token, 15 ms per completion token. */
export const HostedModelLatency = { fixedMs: 0, perPromptTokenMs: 0.2, perCompletionTokenMs: 15 } as const satisfies LatencyModel;

/** Replies as fast as the fake can compute them: for measuring Mull's own overhead. */
export const ZeroLatency = { fixedMs: 0, perPromptTokenMs: 0, perCompletionTokenMs: 0 } as const satisfies LatencyModel;

/** The load test's model: 300 ms per call, whatever its size. */
export const FixedLatency300 = { fixedMs: 300, perPromptTokenMs: 0, perCompletionTokenMs: 0 } as const satisfies LatencyModel;

export function modelledMs(model: LatencyModel, promptTokens: number, completionTokens: number): number {
  return model.fixedMs + promptTokens * model.perPromptTokenMs + completionTokens * model.perCompletionTokenMs;
}

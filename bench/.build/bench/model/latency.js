/** The hosted-model figures: 0.2 ms per prompt token, 15 ms per completion token. */
export const HostedModelLatency = { fixedMs: 0, perPromptTokenMs: 0.2, perCompletionTokenMs: 15 };
/** Replies as fast as the fake can compute them: for measuring Mull's own overhead. */
export const ZeroLatency = { fixedMs: 0, perPromptTokenMs: 0, perCompletionTokenMs: 0 };
/** The load test's model: 300 ms per call, whatever its size. */
export const FixedLatency300 = { fixedMs: 300, perPromptTokenMs: 0, perCompletionTokenMs: 0 };
export function modelledMs(model, promptTokens, completionTokens) {
    return model.fixedMs + promptTokens * model.perPromptTokenMs + completionTokens * model.perCompletionTokenMs;
}

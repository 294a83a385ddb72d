import type { Usage } from '../core/types.js';
import type { CompletionRequest, CompletionResult, LlmProvider, StreamEvent } from '../llm/provider.js';

/** One model call an experiment made, as the provider reported it. */
export interface CountedCall {
  /** The schema the request asked for (`learned_context`, `answer`, `answer_check`, `eval_judge`), or `text`. */
  kind: string;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  /** Time from request to the finished reply. @unit milliseconds */
  ms: number;
}

/**
 * The configured provider with a tally: every call's usage (as the provider reports it, so the
 * figures are what the provider bills) and time. The experiment reads the calls each question or
 * pass made, and the budget guard reads the total.
 */
export class CountingProvider implements LlmProvider {
  readonly calls: CountedCall[] = [];
  readonly name: LlmProvider['name'];
  readonly embed?: LlmProvider['embed'];

  constructor(private readonly inner: LlmProvider) {
    this.name = inner.name;
    if (inner.embed) this.embed = (texts) => inner.embed!.call(inner, texts);
  }

  /** Tokens spent so far, prompt and completion. */
  get spent(): number {
    return this.calls.reduce((sum, c) => sum + c.promptTokens + c.completionTokens, 0);
  }

  /** The calls made since `mark` (a length read before). */
  since(mark: number): CountedCall[] {
    return this.calls.slice(mark);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const started = performance.now();
    const result = await this.inner.complete(request);
    this.record(request, result.usage, started);
    return result;
  }

  async *stream(request: CompletionRequest): AsyncIterable<StreamEvent> {
    const started = performance.now();
    for await (const event of this.inner.stream(request)) {
      if (event.type === 'done') this.record(request, event.result.usage, started);
      yield event;
    }
  }

  private record(request: CompletionRequest, usage: Usage, started: number): void {
    this.calls.push({
      kind: request.schema?.name ?? 'text',
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      cachedPromptTokens: usage.cachedPromptTokens,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  }
}

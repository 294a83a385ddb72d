import OpenAI from 'openai';
import type { Usage } from '../core/types.js';
import { InvalidModelOutputError } from '../core/errors.js';
import { parseModelJson } from './model-json.js';
import { THINKING_BUDGET_TOKENS, type ResolvedProviderOptions } from './options.js';
import { toProviderError } from './provider-errors.js';
import { capRetryAfter } from './retry-after-cap.js';
import type { CompletionRequest, CompletionResult, LlmProvider, StreamEvent } from './provider.js';

type ChatParams = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type MaxTokensField = NonNullable<ResolvedProviderOptions['maxTokensField']>;

/** OpenAI's `/embeddings` takes at most 2048 inputs per request. */
const EMBEDDING_BATCH = 2048;

/**
 * The OpenAI Chat Completions provider. Chat Completions, not the Responses API, because every
 * OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) speaks it; for the same reason
 * only the parameters a request asks for are sent.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
/** o1, o3, o4-mini, gpt-5…: the OpenAI models that reason before answering. */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/i.test(model);
}

export class OpenAIProvider implements LlmProvider {
  readonly name = 'openai' as const;
  /** Present only when an embedding model is configured. */
  readonly embed?: (texts: string[]) => Promise<number[][]>;
  readonly #client: OpenAI;
  readonly #apiKey: string;
  readonly #maxTokensField: MaxTokensField;

  constructor(options: ResolvedProviderOptions, client?: OpenAI) {
    this.#apiKey = options.apiKey;
    this.#maxTokensField = options.maxTokensField ?? defaultMaxTokensField(options.baseURL);
    this.#client =
      client ??
      new OpenAI({
        apiKey: options.apiKey,
        baseURL: options.baseURL,
        timeout: options.timeoutMs,
        maxRetries: options.maxRetries,
        fetch: capRetryAfter(options.maxRetryAfterMs),
        // Explicit nulls keep the SDK from reading OPENAI_ORG_ID / OPENAI_PROJECT_ID.
        organization: null,
        project: null,
      });
    const embeddingModel = options.embeddingModel;
    if (embeddingModel) this.embed = (texts) => this.#embed(embeddingModel, texts);
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    try {
      const response = await this.#client.chat.completions.create(this.#params(request), requestOptions(request));
      const choice = response.choices[0];
      if (!choice) throw new InvalidModelOutputError('openai: the reply has no choices');
      return this.#result(request, {
        text: choice.message.content ?? '',
        refusal: choice.message.refusal ?? null,
        finishReason: choice.finish_reason,
        usage: response.usage,
        model: response.model,
      });
    } catch (error) {
      throw this.#error(error);
    }
  }

  async *stream(request: CompletionRequest): AsyncIterable<StreamEvent> {
    let text = '';
    let refusal = '';
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let model = request.model;
    try {
      const chunks = await this.#client.chat.completions.create(
        // Usage arrives only when asked for, as a last chunk with `choices: []`.
        { ...this.#params(request), stream: true, stream_options: { include_usage: true } },
        requestOptions(request),
      );
      for await (const chunk of chunks) {
        model = chunk.model || model;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = choice.finish_reason;
        if (choice.delta.refusal) refusal += choice.delta.refusal;
        const delta = choice.delta.content;
        if (delta) {
          text += delta;
          yield { type: 'text', delta };
        }
      }
      yield {
        type: 'done',
        result: this.#result(request, { text, refusal: refusal || null, finishReason, usage, model }),
      };
    } catch (error) {
      throw this.#error(error);
    }
  }

  #params(request: CompletionRequest): ChatParams {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
    // The stable prefix goes first and untouched, so OpenAI's automatic prompt cache (which keys
    // on the exact leading bytes) can serve it on the next call over the same context.
    if (request.system) messages.push({ role: 'system', content: request.system });
    if (request.context) messages.push({ role: 'user', content: request.context });
    for (const turn of request.messages) messages.push({ role: turn.role, content: turn.content });

    const params: ChatParams = { model: request.model, messages };
    // A reasoning model spends its thinking out of the same completion budget: reserve room for it
    // (as the Anthropic provider does), or a 600-token answer budget ends mid-thought, empty.
    const reasoning = isReasoningModel(request.model);
    params[this.#maxTokensField] =
      request.maxTokens + (reasoning ? THINKING_BUDGET_TOKENS[request.reasoningEffort ?? 'medium'] : 0);
    // OpenAI's reasoning models take an effort and reject any temperature but the default; other
    // models (and OpenAI-compatible servers, which may reject unknown fields) take a temperature.
    if (reasoning) {
      if (request.reasoningEffort) params.reasoning_effort = request.reasoningEffort;
    } else if (request.temperature !== undefined) {
      params.temperature = request.temperature;
    }
    if (request.schema) {
      params.response_format = {
        type: 'json_schema',
        json_schema: {
          name: request.schema.name,
          ...(request.schema.description ? { description: request.schema.description } : {}),
          schema: request.schema.schema,
          // Strict mode guarantees the reply matches; it requires every property to be listed
          // in `required` and `additionalProperties: false` on every object of the schema.
          strict: true,
        },
      };
    }
    return params;
  }

  #result(
    request: CompletionRequest,
    reply: {
      text: string;
      refusal: string | null;
      finishReason: string | null;
      usage: OpenAI.CompletionUsage | undefined;
      model: string;
    },
  ): CompletionResult {
    const finishReason = normaliseFinish(reply.finishReason);
    const result: CompletionResult = {
      text: reply.text,
      usage: toUsage(reply.usage),
      model: reply.model || request.model,
      finishReason,
    };
    if (!request.schema) return result;
    if (reply.refusal && !reply.text) {
      // Structured outputs report a safety refusal in `refusal` instead of the JSON.
      throw new InvalidModelOutputError(`openai: the model refused the "${request.schema.name}" request`);
    }
    result.json = parseModelJson(reply.text, { provider: 'openai', schemaName: request.schema.name, finishReason });
    return result;
  }

  async #embed(model: string, texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    try {
      for (let start = 0; start < texts.length; start += EMBEDDING_BATCH) {
        const input = texts.slice(start, start + EMBEDDING_BATCH);
        // 'float' explicitly: the SDK otherwise asks for base64, which Ollama does not produce.
        const response = await this.#client.embeddings.create({ model, input, encoding_format: 'float' });
        const ordered = [...response.data].sort((a, b) => a.index - b.index);
        if (ordered.length !== input.length) {
          throw new InvalidModelOutputError(
            `openai: asked for ${input.length} embeddings, got ${ordered.length}`,
          );
        }
        for (const item of ordered) vectors.push(item.embedding);
      }
      return vectors;
    } catch (error) {
      throw this.#error(error);
    }
  }

  #error(error: unknown) {
    return toProviderError('openai', error, OpenAI, this.#apiKey);
  }
}

/** Per-call overrides the SDK understands; retries stay at the client's setting. */
function requestOptions(request: CompletionRequest): OpenAI.RequestOptions {
  const options: OpenAI.RequestOptions = {};
  if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
  if (request.signal) options.signal = request.signal;
  return options;
}

/**
 * OpenAI's reasoning models reject `max_tokens`; the compatible servers document only
 * `max_tokens`. So the modern name goes to OpenAI's own host and the classic one elsewhere.
 */
export function defaultMaxTokensField(baseURL: string): MaxTokensField {
  try {
    return new URL(baseURL).hostname === 'api.openai.com' ? 'max_completion_tokens' : 'max_tokens';
  } catch {
    return 'max_tokens';
  }
}

function toUsage(usage: OpenAI.CompletionUsage | undefined): Usage {
  // Some compatible servers ignore `include_usage`; zeros are the honest "not reported".
  return {
    promptTokens: usage?.prompt_tokens ?? 0,
    completionTokens: usage?.completion_tokens ?? 0,
    cachedPromptTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
  };
}

function normaliseFinish(reason: string | null): CompletionResult['finishReason'] {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  if (reason === 'tool_calls' || reason === 'function_call') return 'tool';
  return 'other';
}

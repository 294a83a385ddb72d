/**
 * Options for building a model provider. The config module reads the environment and passes these
 * in; nothing under src/llm reads it (bolt-js's rule). We also pass `baseURL` and the key to the
 * SDKs explicitly so they do not fall back to OPENAI_* / ANTHROPIC_* variables either.
 */
export type ProviderName = 'openai' | 'anthropic';

export interface ProviderOptions {
  /** Which API to speak. 'openai' also covers OpenAI-compatible servers (Ollama, vLLM, llama.cpp). */
  provider: ProviderName;
  /**
   * The API key. Local OpenAI-compatible servers ignore it, but the OpenAI SDK refuses an empty
   * one: pass any placeholder such as 'ollama'. Never appears in error messages.
   */
  apiKey: string;
  /**
   * Where the API lives. OpenAI: includes `/v1` (`http://localhost:11434/v1` for Ollama).
   * Anthropic: without `/v1`. Defaults to `DEFAULT_BASE_URLS[provider]`.
   */
  baseURL?: string;
  /**
   * Embedding model for `LlmProvider.embed` (OpenAI-compatible `/embeddings` only; Anthropic has
   * no embeddings endpoint). When unset, the provider has no `embed`. Defaults to unset.
   */
  embeddingModel?: string;
  /**
   * How long one HTTP attempt may take before it is abandoned, until the response headers arrive
   * (streams are not cut off once they flow). Each retry gets the full time again. A request may
   * override it with `CompletionRequest.timeoutMs`. Defaults to 60_000. @unit milliseconds
   */
  timeoutMs?: number;
  /**
   * How many times the SDK retries a 408/409/429/5xx, a dropped connection or a timeout, backing
   * off exponentially (0.5 s doubling, at most 8 s) or exactly as the server's `retry-after-ms` /
   * `retry-after` header says (up to `maxRetryAfterMs`). Defaults to 2.
   */
  maxRetries?: number;
  /**
   * The longest `retry-after` the SDK may wait out by itself before retrying. A longer one ends
   * the request at once with a RateLimitError carrying `retryAfterMs`, so the caller decides
   * (a quota reset an hour away should not hold a Slack reply open). Defaults to 20_000.
   * @unit milliseconds
   */
  maxRetryAfterMs?: number;
  /**
   * OpenAI only: the body field that carries `CompletionRequest.maxTokens`. OpenAI's reasoning
   * models (o-series, gpt-5) reject `max_tokens`; Ollama, llama.cpp and LM Studio only document
   * `max_tokens`. Defaults to `max_completion_tokens` when `baseURL` is OpenAI's own host (or
   * unset), otherwise `max_tokens`.
   */
  maxTokensField?: 'max_completion_tokens' | 'max_tokens';
}

/** Defaults, as data (discord.js's `DefaultRestOptions`). */
export const DEFAULT_PROVIDER_OPTIONS = {
  timeoutMs: 60_000,
  maxRetries: 2,
  maxRetryAfterMs: 20_000,
} as const satisfies Required<Pick<ProviderOptions, 'timeoutMs' | 'maxRetries' | 'maxRetryAfterMs'>>;

export const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
} as const satisfies Record<ProviderName, string>;

/**
 * Default model names per provider: a stronger model for sleep passes (run rarely, off the reply
 * path) and a fast one for answering. The model is chosen per request; config uses these when
 * the operator names none. Not claude-sonnet-4-5: the installed SDK lists it as deprecated, with
 * end of life on 2026-11-30 (and warns on every call to it).
 */
export const DEFAULT_MODELS = {
  openai: { sleep: 'gpt-5', answer: 'gpt-4.1-mini' },
  anthropic: { sleep: 'claude-sonnet-4-6', answer: 'claude-haiku-4-5' },
} as const satisfies Record<ProviderName, { sleep: string; answer: string }>;

/** The options with every default applied. */
export type ResolvedProviderOptions = ProviderOptions &
  Required<Pick<ProviderOptions, 'baseURL' | 'timeoutMs' | 'maxRetries' | 'maxRetryAfterMs'>>;

export function resolveProviderOptions(options: ProviderOptions): ResolvedProviderOptions {
  return {
    ...options,
    baseURL: options.baseURL ?? DEFAULT_BASE_URLS[options.provider],
    timeoutMs: options.timeoutMs ?? DEFAULT_PROVIDER_OPTIONS.timeoutMs,
    maxRetries: options.maxRetries ?? DEFAULT_PROVIDER_OPTIONS.maxRetries,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_PROVIDER_OPTIONS.maxRetryAfterMs,
  };
}

/**
 * Thinking budget per reasoning effort: Claude 4.5 and earlier take it as `budget_tokens` (the
 * API's minimum is 1024); newer Claude models and OpenAI's reasoning models get it as room added
 * to the completion budget, since their thinking is paid out of it.
 * @see https://platform.claude.com/docs/en/build-with-claude/extended-thinking
 * @unit tokens
 */
export const THINKING_BUDGET_TOKENS = {
  low: 1024,
  medium: 4096,
  high: 16_384,
} as const satisfies Record<'low' | 'medium' | 'high', number>;

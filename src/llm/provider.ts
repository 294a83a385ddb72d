import type { Usage } from '../core/types.js';

/** A JSON Schema object (draft 2020-12 subset that both providers accept). */
export type JsonSchema = Record<string, unknown>;

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  /**
   * The stable prefix: instructions plus the learned context. Kept byte-identical between calls
   * on the same context so provider prompt caches hit (Anthropic `cache_control`, OpenAI automatic).
   */
  system: string;
  messages: ChatTurn[];
  /** Upper bound on completion tokens. */
  maxTokens: number;
  temperature?: number;
  /** Reasoning effort for models that support it (OpenAI `reasoning_effort`, Anthropic thinking budget). */
  reasoningEffort?: 'low' | 'medium' | 'high';
  /** Ask for JSON matching this schema (OpenAI `response_format`, Anthropic forced tool input). */
  schema?: { name: string; description?: string; schema: JsonSchema };
  /** Per-call timeout. @unit milliseconds */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CompletionResult {
  /** The text; for structured requests, the raw JSON text. */
  text: string;
  /** Parsed JSON for structured requests (not yet validated against the schema). */
  json?: unknown;
  usage: Usage;
  model: string;
  /** Normalised stop reason. */
  finishReason: 'stop' | 'length' | 'tool' | 'other';
}

export type StreamEvent =
  | { type: 'text'; delta: string }
  | { type: 'done'; result: CompletionResult };

/**
 * The one seam every model provider implements (as vercel/ai's doGenerate/doStream). Errors are
 * ProviderError subclasses from core/errors; retries on 429/5xx happen inside, honouring retry-after.
 */
export interface LlmProvider {
  readonly name: 'openai' | 'anthropic';
  complete(request: CompletionRequest): Promise<CompletionResult>;
  stream(request: CompletionRequest): AsyncIterable<StreamEvent>;
  /** Embeddings, where the provider has an endpoint and a model is configured. */
  embed?(texts: string[]): Promise<number[][]>;
}

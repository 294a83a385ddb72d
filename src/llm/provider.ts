import type { Usage } from '../core/types.js';

/** A JSON Schema object (draft 2020-12 subset that both providers accept). */
export type JsonSchema = Record<string, unknown>;

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  model: string;
  /** The system's own instructions, and nothing from the channels. */
  system: string;
  /**
   * Quoted channel material that stays byte-identical between calls over the same learned
   * contexts (summaries and notes). Sent as the start of the first user turn, never in the
   * system prompt, so channel text cannot pose as instructions; with `system` it forms the prefix
   * the provider's prompt cache serves (Anthropic `cache_control` breakpoint, OpenAI automatic).
   */
  context?: string;
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

import Anthropic from '@anthropic-ai/sdk';
import type { Usage } from '../core/types.js';
import { claudeAcceptsTemperature, claudeThinkingForm } from './claude-models.js';
import { parseModelJson } from './model-json.js';
import type { ResolvedProviderOptions } from './options.js';
import { toProviderError } from './provider-errors.js';
import { capRetryAfter } from './retry-after-cap.js';
import { THINKING_BUDGET_TOKENS } from './options.js';
import type { CompletionRequest, CompletionResult, LlmProvider, StreamEvent } from './provider.js';

type MessageParams = Anthropic.MessageCreateParamsNonStreaming;


/** What one reply amounts to, however it arrived (whole or streamed). */
interface Reply {
  text: string;
  /** Raw JSON input of the schema tool, when the model called it. */
  toolJson?: string;
  stopReason: string | null;
  usage: Partial<Anthropic.Usage>;
  model: string;
}

/**
 * The Anthropic Messages provider. For a structured request the result's text is the schema
 * tool's input as JSON; a streamed one yields that JSON as it is written (plus any prose the
 * model writes first, which the result leaves out).
 * @see https://docs.claude.com/en/api/messages
 */
export class AnthropicProvider implements LlmProvider {
  readonly name = 'anthropic' as const;
  readonly #client: Anthropic;
  readonly #apiKey: string;

  constructor(options: ResolvedProviderOptions, client?: Anthropic) {
    this.#apiKey = options.apiKey;
    this.#client =
      client ??
      new Anthropic({
        apiKey: options.apiKey,
        baseURL: options.baseURL,
        // Setting it also stops the SDK refusing large non-streaming `max_tokens` up front.
        timeout: options.timeoutMs,
        maxRetries: options.maxRetries,
        fetch: capRetryAfter(options.maxRetryAfterMs),
      });
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    try {
      const message = await this.#client.messages.create(buildParams(request), requestOptions(request));
      let text = '';
      let toolJson: string | undefined;
      for (const block of message.content) {
        if (block.type === 'text') text += block.text;
        else if (block.type === 'tool_use' && block.name === request.schema?.name) {
          toolJson = JSON.stringify(block.input);
        }
        // Thinking blocks are the model's scratchpad, not the answer.
      }
      const stopReason = message.stop_reason;
      return finish(request, { text, toolJson, stopReason, usage: message.usage, model: message.model });
    } catch (error) {
      throw this.#error(error);
    }
  }

  async *stream(request: CompletionRequest): AsyncIterable<StreamEvent> {
    // Raw events rather than the SDK's MessageStream helper: it parses tool input with a lenient
    // partial-JSON parser, which would quietly accept a reply cut off at max_tokens.
    const reply: Reply = { text: '', stopReason: null, usage: {}, model: request.model };
    const blocks = new Map<number, 'text' | 'tool' | 'other'>();
    try {
      const events = await this.#client.messages.create(
        { ...buildParams(request), stream: true },
        requestOptions(request),
      );
      for await (const event of events) {
        switch (event.type) {
          case 'message_start':
            reply.model = event.message.model || reply.model;
            reply.usage = { ...event.message.usage };
            break;
          case 'content_block_start': {
            const block = event.content_block;
            const isTool = block.type === 'tool_use' && block.name === request.schema?.name;
            blocks.set(event.index, block.type === 'text' ? 'text' : isTool ? 'tool' : 'other');
            if (isTool) reply.toolJson = '';
            break;
          }
          case 'content_block_delta': {
            const kind = blocks.get(event.index);
            if (event.delta.type === 'text_delta' && kind === 'text') {
              reply.text += event.delta.text;
              yield { type: 'text', delta: event.delta.text };
            } else if (event.delta.type === 'input_json_delta' && kind === 'tool') {
              // Structured streams yield the JSON as it is written, as OpenAI's do.
              reply.toolJson += event.delta.partial_json;
              yield { type: 'text', delta: event.delta.partial_json };
            }
            break;
          }
          case 'message_delta':
            reply.stopReason = event.delta.stop_reason ?? reply.stopReason;
            // output_tokens is cumulative; the other counters, when present, are final totals.
            for (const [key, value] of Object.entries(event.usage)) {
              if (value != null) (reply.usage as Record<string, unknown>)[key] = value;
            }
            break;
          default:
            break;
        }
      }
      // A tool block with no deltas carries its (empty) input whole in content_block_start.
      if (reply.toolJson === '') reply.toolJson = '{}';
      yield { type: 'done', result: finish(request, reply) };
    } catch (error) {
      throw this.#error(error);
    }
  }

  #error(error: unknown) {
    return toProviderError('anthropic', error, Anthropic, this.#apiKey);
  }
}

/**
 * The Messages body for one request. `temperature` is added beside the SDK's type because the
 * SDK no longer declares it, while the models before 4.7 still accept it.
 */
export function buildParams(request: CompletionRequest): MessageParams & { temperature?: number } {
  const effort = request.reasoningEffort;
  // Thinking tokens count toward max_tokens (which must exceed a budget); reserving the budget on
  // top keeps `maxTokens` meaning "room for the answer", as it does without thinking. Adaptive
  // thinking has no budget, but the same reserve keeps the answer from being crowded out.
  const reserve = effort ? THINKING_BUDGET_TOKENS[effort] : 0;
  const params: MessageParams & { temperature?: number } = {
    model: request.model,
    max_tokens: request.maxTokens + reserve,
    messages: request.messages.map((turn) => ({ role: turn.role, content: turn.content })),
  };
  const first = request.messages[0];
  if (request.context && first?.role === 'user') {
    // The quoted context opens the first user turn with its own breakpoint: system + context is
    // the cached prefix, and the question after it varies freely.
    params.messages[0] = {
      role: 'user',
      content: [
        { type: 'text', text: request.context, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: first.content },
      ],
    };
  }
  if (request.system) {
    // The breakpoint caches everything up to here: the tool definition (tools come first in the
    // cache order) and the system prefix. Byte-identical prefixes then bill at the cache-read rate.
    params.system = [{ type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }];
  }
  if (effort && claudeThinkingForm(request.model) === 'budget') {
    params.thinking = { type: 'enabled', budget_tokens: THINKING_BUDGET_TOKENS[effort] };
  } else if (effort) {
    params.thinking = { type: 'adaptive' };
    params.output_config = { effort };
  } else if (request.temperature !== undefined && claudeAcceptsTemperature(request.model)) {
    // Thinking rejects a temperature other than 1, and 4.7+ models reject it always: there the
    // model's own sampling is the only one on offer, so the field is left out.
    params.temperature = request.temperature;
  }
  if (request.schema) {
    const { name, description, schema } = request.schema;
    params.tools = [
      {
        name,
        description: description ?? `Report the result as ${name}.`,
        input_schema: schema as Anthropic.Tool.InputSchema,
      },
    ];
    // Forcing a tool is rejected when thinking is on ("auto" or "none" only). With thinking the
    // model is left to call it; `finish` falls back to JSON in the text if it answers in prose.
    params.tool_choice = effort ? { type: 'auto' } : { type: 'tool', name };
  }
  return params;
}

function finish(request: CompletionRequest, reply: Reply): CompletionResult {
  const schema = request.schema;
  const finishReason = normaliseStop(reply.stopReason, schema !== undefined);
  const text = schema && reply.toolJson !== undefined ? reply.toolJson : reply.text;
  const result: CompletionResult = { text, usage: toUsage(reply.usage), model: reply.model, finishReason };
  if (schema) result.json = parseModelJson(text, { provider: 'anthropic', schemaName: schema.name, finishReason });
  return result;
}

function requestOptions(request: CompletionRequest): Anthropic.RequestOptions {
  const options: Anthropic.RequestOptions = {};
  if (request.timeoutMs !== undefined) options.timeout = request.timeoutMs;
  if (request.signal) options.signal = request.signal;
  return options;
}

/**
 * `input_tokens` counts only the uncached part of the prompt; writes to and reads from the cache
 * are reported apart. Mull's promptTokens is the whole prompt, of which cachedPromptTokens were
 * read from the cache (cache writes are full-price-plus prompt tokens, so they count as prompt).
 */
function toUsage(usage: Partial<Anthropic.Usage>): Usage {
  const read = usage.cache_read_input_tokens ?? 0;
  return {
    promptTokens: (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + read,
    completionTokens: usage.output_tokens ?? 0,
    cachedPromptTokens: read,
  };
}

function normaliseStop(reason: string | null, structured: boolean): CompletionResult['finishReason'] {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  if (reason === 'max_tokens') return 'length';
  // With a schema, calling the schema tool is how the model finishes its answer.
  if (reason === 'tool_use') return structured ? 'stop' : 'tool';
  return 'other';
}

/**
 * A fake Anthropic Messages API on 127.0.0.1 for tests that run the real `@anthropic-ai/sdk`:
 * POST /v1/messages, plain and streamed (message_start, content_block_start,
 * content_block_delta*, content_block_stop, message_delta with usage, message_stop). Accepts the
 * key as `x-api-key` or `Authorization: Bearer`.
 *
 *   const fake = await startFakeAnthropic({ reply: { json: { summary: 'x' } });
 *   const provider = createProvider({ provider: 'anthropic', apiKey: 'sk-ant-test', baseURL: fake.url });
 *   ... expect(fake.requests[0].body.system[0].cache_control).toEqual({ type: 'ephemeral' });
 *   await fake.close();
 *
 * A reply with `json` becomes a `tool_use` block for the request's first tool (how Mull asks for
 * structured output); `thinking` adds a thinking block first. Prompt caching is simulated as the
 * API does it: a system block marked `cache_control` is written to the cache on first sight
 * (`cache_creation_input_tokens`) and read from it afterwards (`cache_read_input_tokens`).
 */
import type { ServerResponse } from 'node:http';
import {
  applyFaults,
  chunksOf,
  credentialOf,
  estimateTokens,
  sendJson,
  sleep,
  startScriptedServer,
  startSse,
  type FakeLlmServer,
  type FakeScript,
  type FakeTurn,
  type RecordedRequest,
  type ScriptedServer,
} from './scripted-llm-server.js';

export type { FakeLlmServer, FakeReply, FakeScript, FakeTurn, RecordedRequest } from './scripted-llm-server.js';

export interface FakeAnthropicOptions {
  /** What /v1/messages answers. Defaults to 'ok'. */
  reply?: FakeScript;
  /** When set, any other key gets a 401 (whose message echoes the key). */
  apiKey?: string;
}

type Block =
  | { type: 'thinking'; thinking: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; name: string; input: unknown };

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeLlmServer> {
  return startScriptedServer({
    name: 'fake-anthropic',
    script: options.reply ?? 'ok',
    urlSuffix: '',
    async handle(request, res, server) {
      const key = credentialOf(request.headers);
      if (!key || (options.apiKey && key !== options.apiKey)) {
        return sendJson(res, 401, errorBody(401, `invalid x-api-key: ${key ?? '(none)'}`));
      }
      if (request.method === 'POST' && request.path === '/v1/messages') return messages(request, res, server);
      sendJson(res, 404, errorBody(404, `fake-anthropic: no route ${request.method} ${request.path}`));
    },
  });
}

async function messages(request: RecordedRequest, res: ServerResponse, server: ScriptedServer): Promise<void> {
  const turn = await server.nextTurn(request);
  if (await applyFaults(turn, res, (status) => errorBody(status, `fake-anthropic: scripted ${status}`))) return;
  const body = request.body;
  const tool: string | undefined = body.tools?.[0]?.name;
  const blocks: Block[] = [];
  if (turn.thinking) blocks.push({ type: 'thinking', thinking: turn.thinking });
  if (turn.json !== undefined && tool) blocks.push({ type: 'tool_use', name: tool, input: turn.json });
  else blocks.push({ type: 'text', text: turn.json !== undefined ? JSON.stringify(turn.json) : (turn.text ?? '') });
  const stop_reason =
    turn.finishReason === 'length' ? 'max_tokens'
    : blocks.some((b) => b.type === 'tool_use') ? 'tool_use'
    : 'end_turn';
  const usage = usageFor(turn, body, blocks, server);
  const message = { id: `msg_fake_${server.requests.length}`, type: 'message', role: 'assistant', model: body.model };

  if (!body.stream) {
    const content = blocks.map((b, i) =>
      b.type === 'tool_use' ? { ...b, id: `toolu_fake_${i}` }
      : b.type === 'thinking' ? { ...b, signature: 'fake-signature' }
      : { ...b, citations: null },
    );
    return sendJson(res, 200, { ...message, content, stop_reason, stop_sequence: null, usage });
  }
  startSse(res);
  const send = async (data: { type: string; [field: string]: unknown }) => {
    if (turn.chunkDelayMs) await sleep(turn.chunkDelayMs);
    if (!res.destroyed) res.write(`event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const started = { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } };
  await send({ type: 'message_start', message: started });
  for (const [index, block] of blocks.entries()) {
    if (block.type === 'thinking') {
      await send({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      await send({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: block.thinking } });
      await send({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'fake-signature' } });
    } else if (block.type === 'tool_use') {
      const start = { type: 'tool_use', id: `toolu_fake_${index}`, name: block.name, input: {} };
      await send({ type: 'content_block_start', index, content_block: start });
      for (const piece of chunksOf(turn, JSON.stringify(block.input))) {
        await send({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: piece } });
      }
    } else {
      await send({ type: 'content_block_start', index, content_block: { type: 'text', text: '', citations: null } });
      for (const piece of chunksOf(turn, block.text)) {
        await send({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } });
      }
    }
    await send({ type: 'content_block_stop', index });
  }
  const final = { output_tokens: usage.output_tokens };
  await send({ type: 'message_delta', delta: { stop_reason, stop_sequence: null }, usage: final });
  await send({ type: 'message_stop' });
  res.end();
}

function usageFor(turn: FakeTurn, body: any, blocks: Block[], server: ScriptedServer) {
  const system: { text: string; cache_control?: unknown }[] =
    typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []);
  // The prefix up to the last cache_control breakpoint: the system blocks, then any user content
  // blocks that carry one (the quoted learned context).
  const firstContent = body.messages?.[0]?.content;
  const contextBlocks: { text?: string; cache_control?: unknown }[] = Array.isArray(firstContent) ? firstContent : [];
  const marked = contextBlocks.filter((b) => b.cache_control);
  const systemText = system.map((b) => b.text).join('\n');
  const prefixText = [systemText, ...marked.map((b) => b.text ?? '')].join('\n');
  const cacheable = system.some((b) => b.cache_control) || marked.length ? estimateTokens(prefixText) : 0;
  const hit = cacheable > 0 && server.seenBefore(prefixText);
  const whole =
    turn.usage?.promptTokens ?? estimateTokens(systemText + JSON.stringify(body.messages) + JSON.stringify(body.tools ?? []));
  const read = turn.usage?.cachedPromptTokens ?? (hit ? cacheable : 0);
  const written = turn.usage?.cacheCreationTokens ?? (hit ? 0 : cacheable);
  const answer = blocks
    .map((b) => (b.type === 'tool_use' ? JSON.stringify(b.input) : b.type === 'text' ? b.text : b.thinking))
    .join('');
  return {
    // input_tokens is the uncached remainder; the API reports cache writes and reads apart.
    input_tokens: Math.max(0, whole - read - written),
    cache_creation_input_tokens: written,
    cache_read_input_tokens: read,
    output_tokens: turn.usage?.completionTokens ?? estimateTokens(answer),
  };
}

function errorBody(status: number, message: string) {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    403: 'permission_error',
    404: 'not_found_error',
    429: 'rate_limit_error',
    529: 'overloaded_error',
  };
  return { type: 'error', error: { type: types[status] ?? 'api_error', message } };
}

/**
 * A fake OpenAI API (and so any OpenAI-compatible server) on 127.0.0.1 for tests that run the
 * real `openai` SDK: POST /v1/chat/completions, plain and streamed (SSE chunks, a usage chunk with
 * `choices: []` when `stream_options.include_usage` is set, then `[DONE]`), and POST /v1/embeddings.
 *
 *   const fake = await startFakeOpenAI({ reply: ['first answer', { json: { notes: [] } }] });
 *   const provider = createProvider({ provider: 'openai', apiKey: 'sk-test', baseURL: fake.url });
 *   ... expect(fake.requests[0].body.messages[0]).toEqual({ role: 'system', content: '...' });
 *   await fake.close();
 *
 * Prompt caching is simulated as OpenAI does it (automatic, on an exact prefix): from the second
 * request with the same system message on, `cached_tokens` reports that message's tokens.
 * Embeddings are deterministic bag-of-words vectors, so texts sharing words are similar.
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

export interface FakeOpenAIOptions {
  /** What chat completions answer. Defaults to 'ok'. */
  reply?: FakeScript;
  /** When set, any other key gets a 401 (whose message echoes the key, as OpenAI's does). */
  apiKey?: string;
  /** Embedding for one text. Defaults to a 16-dimension hashed bag of words. */
  embed?: (text: string) => number[];
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeLlmServer> {
  const embed = options.embed ?? bagOfWords;
  return startScriptedServer({
    name: 'fake-openai',
    script: options.reply ?? 'ok',
    urlSuffix: '/v1',
    async handle(request, res, server) {
      const key = credentialOf(request.headers);
      if (!key || (options.apiKey && key !== options.apiKey)) {
        return sendJson(res, 401, errorBody(401, `Incorrect API key provided: ${key ?? '(none)'}`));
      }
      if (request.method === 'POST' && request.path === '/v1/chat/completions') return chat(request, res, server);
      if (request.method === 'POST' && request.path === '/v1/embeddings') {
        const inputs: string[] = [request.body?.input].flat();
        const data = inputs.map((text, index) => ({ object: 'embedding', index, embedding: embed(text) }));
        const tokens = estimateTokens(inputs.join(''));
        const usage = { prompt_tokens: tokens, total_tokens: tokens };
        return sendJson(res, 200, { object: 'list', data, model: request.body?.model, usage });
      }
      sendJson(res, 404, errorBody(404, `fake-openai: no route ${request.method} ${request.path}`));
    },
  });
}

async function chat(request: RecordedRequest, res: ServerResponse, server: ScriptedServer): Promise<void> {
  const turn = await server.nextTurn(request);
  if (await applyFaults(turn, res, (status) => errorBody(status, `fake-openai: scripted ${status}`))) return;
  const body = request.body;
  const content = turn.json !== undefined ? JSON.stringify(turn.json) : (turn.text ?? '');
  const finish_reason = turn.finishReason ?? 'stop';
  const usage = usageFor(turn, body, content, server);
  const base = { id: `chatcmpl-fake-${server.requests.length}`, created: Math.floor(Date.now() / 1000), model: body.model };

  if (!body.stream) {
    const message = { role: 'assistant', content, refusal: null };
    const choices = [{ index: 0, message, finish_reason, logprobs: null }];
    return sendJson(res, 200, { ...base, object: 'chat.completion', choices, usage });
  }
  startSse(res);
  const chunk = (choices: unknown[], extra: object = {}) =>
    res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`);
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  for (const piece of chunksOf(turn, content)) {
    if (turn.chunkDelayMs) await sleep(turn.chunkDelayMs);
    if (res.destroyed) return;
    chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  }
  chunk([{ index: 0, delta: {}, finish_reason }]);
  if (body.stream_options?.include_usage) chunk([], { usage });
  res.end('data: [DONE]\n\n');
}

function usageFor(turn: FakeTurn, body: any, content: string, server: ScriptedServer) {
  const messages: { role: string; content: unknown }[] = body.messages ?? [];
  // OpenAI caches the leading bytes of a prompt: here, everything before the last message.
  const prefix = messages.slice(0, -1).map((m) => String(m.content)).join('\n');
  const cachedIfSeen = prefix && server.seenBefore(prefix) ? estimateTokens(prefix) : 0;
  const prompt_tokens = turn.usage?.promptTokens ?? estimateTokens(messages.map((m) => String(m.content)).join('\n'));
  const completion_tokens = turn.usage?.completionTokens ?? estimateTokens(content);
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    prompt_tokens_details: { cached_tokens: turn.usage?.cachedPromptTokens ?? cachedIfSeen },
  };
}

function errorBody(status: number, message: string) {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: null } };
}

function bagOfWords(text: string): number[] {
  const vector = new Array<number>(16).fill(0);
  for (const word of text.toLowerCase().match(/\w+/g) ?? []) {
    let hash = 0;
    for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    vector[hash % 16] += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

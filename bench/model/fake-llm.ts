import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { writeCompletion } from './completion.js';
import { KnowledgeBook, type TaughtFact } from './knowledge.js';
import { modelledMs, ZeroLatency, type LatencyModel } from './latency.js';
import { chatPromptTokens, textTokens, truncateToTokens } from './tokens.js';

/**
 * The benchmark's model: an OpenAI-compatible HTTP server (server.ts runs it in its own process,
 * as a hosted model would be; tests may run it in theirs). POST /v1/chat/completions (plain or
 * streamed) answers by completion.ts, counts tokens of the real prompts with a real tokenizer,
 * cuts a reply only where `max_tokens` is lower, simulates OpenAI's automatic prompt cache, and
 * waits out the latency model. `/_bench/*` routes let the harness configure it, teach it the
 * acme workspace (measures 3-8), and read its log of calls.
 */

/** One chat completion the fake served. */
export interface ModelCall {
  seq: number;
  /** @unit epoch milliseconds */
  at: number;
  schema: string | null;
  maxTokens: number;
  promptTokens: number;
  /** Of the prompt, the system message: instructions plus, on answers, the learned contexts. */
  systemTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Time the fake spent computing the reply (tokenizing, writing JSON). @unit milliseconds */
  handlingMs: number;
  /** Time it then waited to honour the latency model. @unit milliseconds */
  delayMs: number;
  /** Sent as server-sent events (the Slack adapter streams fresh answers into a draft). */
  streamed: boolean;
  /** Cut at `max_tokens` (finish_reason `length`). */
  truncated: boolean;
}

export function createFakeModelServer(): Server {
  const book = new KnowledgeBook();
  const calls: ModelCall[] = [];
  const seenPrefixes = new Set<string>();
  let latency: LatencyModel = { ...ZeroLatency };

  /** OpenAI caches a prompt prefix of 1,024 tokens or more, in steps of 128, once it has seen it. */
  function cachedTokens(system: string, systemTokens: number): number {
    const seen = seenPrefixes.has(system);
    seenPrefixes.add(system);
    return seen && systemTokens >= 1024 ? Math.floor(systemTokens / 128) * 128 : 0;
  }

  async function completion(body: any, res: ServerResponse, started: number): Promise<void> {
    const messages: { role: string; content: string }[] = (body?.messages ?? []).map((m: any) => ({ role: String(m.role), content: String(m.content ?? '') }));
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    const user = messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n');
    const maxTokens = Number(body?.max_tokens ?? body?.max_completion_tokens ?? 1000);
    const schema: string | null = body?.response_format?.json_schema?.name ?? null;
    const written = writeCompletion({ system, user, schemaName: schema ?? undefined }, book);
    const content = truncateToTokens(written, maxTokens);
    const finishReason = content === written ? 'stop' : 'length';
    const promptTokens = chatPromptTokens(messages);
    const completionTokens = textTokens(content);
    const systemTokens = textTokens(system) + 3;
    const cached = cachedTokens(system, systemTokens);
    const handlingMs = performance.now() - started;
    const model = { ...latency };
    const delayMs = Math.max(0, modelledMs(model, promptTokens, completionTokens) - handlingMs);
    calls.push({ seq: calls.length, at: Date.now(), schema, maxTokens, truncated: finishReason === 'length', promptTokens, systemTokens, completionTokens, cachedTokens: cached, handlingMs, delayMs, streamed: Boolean(body?.stream) });
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: cached },
    };
    const base = { id: `chatcmpl-bench-${calls.length}`, created: Math.floor(Date.now() / 1000), model: String(body?.model ?? 'bench') };
    if (body?.stream) return stream(res, base, content, completionTokens, usage, Boolean(body?.stream_options?.include_usage), model, delayMs, finishReason);
    if (delayMs > 0) await sleep(delayMs);
    send(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finishReason, logprobs: null }],
      usage,
    });
  }

  /**
   * Server-sent events as OpenAI streams them: a role chunk, the content in pieces, a finish chunk,
   * a usage chunk when asked for, then [DONE]. Under a latency model the first piece waits for the
   * prompt (fixed + per prompt token) and the rest arrive at the per-completion-token rate, in
   * pieces of about 50 ms; the whole stream takes the same time as the unstreamed reply.
   */
  async function stream(
    res: ServerResponse,
    base: Record<string, unknown>,
    content: string,
    completionTokens: number,
    usage: Record<string, unknown>,
    includeUsage: boolean,
    model: LatencyModel,
    delayMs: number,
    finishReason: string,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (choices: unknown[], extra: object = {}) => res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices, ...extra })}\n\n`);
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    const decodeMs = completionTokens * model.perCompletionTokenMs;
    const tokensPerPiece = model.perCompletionTokenMs > 0 ? Math.max(1, Math.round(50 / model.perCompletionTokenMs)) : completionTokens || 1;
    const pieces = Math.max(1, Math.ceil(completionTokens / tokensPerPiece));
    const pieceMs = decodeMs / pieces;
    const firstMs = Math.max(0, delayMs - decodeMs);
    if (firstMs > 0) await sleep(firstMs);
    const size = Math.ceil(content.length / pieces);
    for (let i = 0; i < pieces; i++) {
      if (i > 0 && pieceMs > 0) await sleep(pieceMs);
      if (res.destroyed) return;
      chunk([{ index: 0, delta: { content: content.slice(i * size, (i + 1) * size) }, finish_reason: null }]);
    }
    chunk([{ index: 0, delta: {}, finish_reason: finishReason }]);
    if (includeUsage) chunk([], { usage });
    res.end('data: [DONE]\n\n');
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/v1/chat/completions') return completion(body, res, started);
    if (req.method === 'POST' && url.pathname === '/_bench/config') {
      if (body?.latency) latency = { ...ZeroLatency, ...body.latency };
      return send(res, 200, { latency });
    }
    if (req.method === 'POST' && url.pathname === '/_bench/teach') {
      if (body?.reset) book.clear();
      book.add((body?.facts ?? []) as TaughtFact[]);
      return send(res, 200, { facts: book.size });
    }
    if (req.method === 'GET' && url.pathname === '/_bench/calls') {
      return send(res, 200, { calls: calls.slice(Number(url.searchParams.get('from') ?? 0)) });
    }
    if (req.method === 'GET' && url.pathname === '/_bench/count') return send(res, 200, { count: calls.length });
    send(res, 404, { error: { message: `bench fake: no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: { message: String(error), type: 'server_error' } }));
  });
  server.keepAliveTimeout = 60_000;
  return server;
}

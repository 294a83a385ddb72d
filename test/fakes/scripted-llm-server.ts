/**
 * What the fake OpenAI and Anthropic servers share: an HTTP server on 127.0.0.1, port 0, that
 * records every request and answers from a script. Use it through fake-openai.ts or
 * fake-anthropic.ts; the types here are the common shape both return.
 *
 * A script is one reply for every call, an array with one reply per call (as vercel/ai's mock
 * model), or a function of the request. A reply is the assistant's text, or a FakeTurn that can
 * also carry JSON, usage, a fault (status + headers), a delay, or a body that is not JSON.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when empty or not JSON. `any`: tests dig into API shapes. */
  body: any;
  /** The body exactly as received, for byte-level assertions. */
  rawBody: string;
  /** When it arrived. @unit epoch milliseconds */
  at: number;
}

export interface FakeTurn {
  /** The assistant's text. */
  text?: string;
  /** A structured reply: OpenAI sends it as the message text, Anthropic as the schema tool's input. */
  json?: unknown;
  /** Stream the text in exactly these pieces (default: one piece per word). */
  chunks?: string[];
  /** Anthropic only: a thinking block before the answer. */
  thinking?: string;
  /** 'length' means cut off at the token limit. Defaults to 'stop'. */
  finishReason?: 'stop' | 'length';
  /** Usage to report; each field defaults to an estimate (4 characters a token, see usageFor). */
  usage?: {
    promptTokens?: number;
    completionTokens?: number;
    cachedPromptTokens?: number;
    /** Anthropic only: tokens written to the prompt cache. */
    cacheCreationTokens?: number;
  };
  /** Fail with this HTTP status instead of answering; `body` defaults to the API's error shape. */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (timeouts, slow models). @unit milliseconds */
  delayMs?: number;
  /** Wait this long between streamed events. @unit milliseconds */
  chunkDelayMs?: number;
  /** Answer 200 with a body that is not JSON. */
  malformed?: boolean;
}

export type FakeReply = string | FakeTurn;
export type FakeScript =
  | FakeReply
  | FakeReply[]
  | ((request: RecordedRequest, call: number) => FakeReply | Promise<FakeReply>);

/** The common shape of both fakes. */
export interface FakeLlmServer {
  /** The base URL to give the SDK (`baseURL`). */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Replace the script; the call count (for arrays) starts again. */
  setReply(script: FakeScript): void;
  close(): Promise<void>;
}

export interface ScriptedServer extends FakeLlmServer {
  /** The next scripted turn for a chat request. */
  nextTurn(request: RecordedRequest): Promise<FakeTurn>;
  /** Whether a stable prefix was seen before (then the fake's prompt cache "hits"); records it. */
  seenBefore(prefix: string): boolean;
}

type Handler = (request: RecordedRequest, res: ServerResponse, server: ScriptedServer) => Promise<void>;

export async function startScriptedServer(options: {
  name: string;
  script: FakeScript;
  urlSuffix: string;
  handle: Handler;
}): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const prefixes = new Set<string>();
  let script = options.script;
  let calls = 0;

  const http = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: (req.url ?? '/').split('?')[0],
        headers: req.headers,
        body: parseJson(raw),
        rawBody: raw,
        at: Date.now(),
      };
      requests.push(recorded);
      options.handle(recorded, res, fake).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: `${options.name}: ${String(error)}` } });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;

  const fake: ScriptedServer = {
    url: `http://127.0.0.1:${port}${options.urlSuffix}`,
    requests,
    setReply(next) {
      script = next;
      calls = 0;
    },
    async nextTurn(request) {
      const call = calls++;
      let reply: FakeReply | undefined;
      if (typeof script === 'function') reply = await script(request, call);
      else if (Array.isArray(script)) reply = script[call];
      else reply = script;
      // A 400 (never retried) whose message names the slip beats a hang or a silent repeat.
      if (reply === undefined) {
        return { status: 400, body: { error: { message: `${options.name}: no scripted reply for call ${call + 1}` } } };
      }
      return typeof reply === 'string' ? { text: reply } : reply;
    },
    seenBefore(prefix) {
      const seen = prefixes.has(prefix);
      prefixes.add(prefix);
      return seen;
    },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return fake;
}

/**
 * Applies a turn's delay and faults. Returns true when the response is finished (a fault was
 * sent, or the client hung up while we waited), false when the caller should answer normally.
 */
export async function applyFaults(
  turn: FakeTurn,
  res: ServerResponse,
  errorBody: (status: number) => unknown,
): Promise<boolean> {
  if (turn.delayMs) await sleep(turn.delayMs);
  if (res.destroyed) return true;
  if (turn.status !== undefined) {
    sendJson(res, turn.status, turn.body ?? errorBody(turn.status), turn.headers);
    return true;
  }
  if (turn.malformed) {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "broken", "choices": [');
    return true;
  }
  return false;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Starts a server-sent-event response. */
export function startSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

/** A rough token count (about 4 characters a token), so usage moves with the prompt's size. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Splits text into the pieces a stream sends: the turn's own chunks, or one per word. */
export function chunksOf(turn: FakeTurn, text: string): string[] {
  if (turn.chunks) return turn.chunks;
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

export function sleep(ms: number): Promise<void> {
  // Unref'd, so a test that times out a request does not keep the process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The bearer token or x-api-key a request carried. */
export function credentialOf(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
  const apiKey = headers['x-api-key'];
  return bearer ?? (typeof apiKey === 'string' ? apiKey : undefined);
}

function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

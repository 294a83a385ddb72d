import { createServer } from 'node:http';
import { DefaultCompletionRule, writeCompletion } from './completion.js';
import { KnowledgeBook } from './knowledge.js';
import { modelledMs, ZeroLatency } from './latency.js';
import { chatPromptTokens, textTokens } from './tokens.js';
const book = new KnowledgeBook();
const calls = [];
const seenPrefixes = new Set();
let latency = { ...ZeroLatency };
let rule = { ...DefaultCompletionRule };
/** OpenAI caches a prompt prefix of 1,024 tokens or more, in steps of 128, once it has seen it. */
function cachedTokens(system, systemTokens) {
    const seen = seenPrefixes.has(system);
    seenPrefixes.add(system);
    return seen && systemTokens >= 1024 ? Math.floor(systemTokens / 128) * 128 : 0;
}
async function completion(body, res, started) {
    if (body?.stream)
        return send(res, 400, { error: { message: 'bench fake: streaming is not modelled', type: 'invalid_request_error' } });
    const messages = (body?.messages ?? []).map((m) => ({ role: String(m.role), content: String(m.content ?? '') }));
    const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
    const user = messages.filter((m) => m.role !== 'system').map((m) => m.content).join('\n');
    const maxTokens = Number(body?.max_tokens ?? body?.max_completion_tokens ?? 1000);
    const schema = body?.response_format?.json_schema?.name ?? null;
    const content = writeCompletion({ system, user, schemaName: schema ?? undefined, maxTokens }, book, rule);
    const promptTokens = chatPromptTokens(messages);
    const completionTokens = textTokens(content);
    const cached = cachedTokens(system, textTokens(system) + 3);
    const handlingMs = performance.now() - started;
    const delayMs = Math.max(0, modelledMs(latency, promptTokens, completionTokens) - handlingMs);
    calls.push({ seq: calls.length, at: Date.now(), schema, maxTokens, promptTokens, completionTokens, cachedTokens: cached, handlingMs, delayMs });
    const reply = {
        id: `chatcmpl-bench-${calls.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: String(body?.model ?? 'bench'),
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
        usage: {
            prompt_tokens: promptTokens,
            completion_tokens: completionTokens,
            total_tokens: promptTokens + completionTokens,
            prompt_tokens_details: { cached_tokens: cached },
        },
    };
    if (delayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, delayMs));
    send(res, 200, reply);
}
async function handle(req, res) {
    const started = performance.now();
    const chunks = [];
    for await (const chunk of req)
        chunks.push(chunk);
    const raw = Buffer.concat(chunks).toString();
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/v1/chat/completions')
        return completion(body, res, started);
    if (req.method === 'POST' && url.pathname === '/_bench/config') {
        if (body?.latency)
            latency = { ...ZeroLatency, ...body.latency };
        if (body?.rule)
            rule = { ...DefaultCompletionRule, ...body.rule };
        return send(res, 200, { latency, rule });
    }
    if (req.method === 'POST' && url.pathname === '/_bench/teach') {
        if (body?.reset)
            book.clear();
        book.add((body?.facts ?? []));
        return send(res, 200, { facts: book.size });
    }
    if (req.method === 'GET' && url.pathname === '/_bench/calls') {
        return send(res, 200, { calls: calls.slice(Number(url.searchParams.get('from') ?? 0)) });
    }
    if (req.method === 'GET' && url.pathname === '/_bench/count')
        return send(res, 200, { count: calls.length });
    send(res, 404, { error: { message: `bench fake: no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
}
function send(res, status, body) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
}
const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { message: String(error), type: 'server_error' } }));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    process.send?.({ type: 'ready', port });
});
process.on('disconnect', () => process.exit(0));

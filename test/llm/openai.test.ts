import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { drain, failure, request, SCHEMA, SYSTEM } from './provider-kit.js';
import { ErrorCode, InvalidModelOutputError, RateLimitError } from '../../src/core/errors.js';
import { createProvider } from '../../src/llm/create-provider.js';
import type { ProviderOptions } from '../../src/llm/options.js';
import type { CompletionRequest } from '../../src/llm/provider.js';
import { startFakeOpenAI, type FakeLlmServer, type FakeOpenAIOptions } from '../fakes/fake-openai.js';

const KEY = 'sk-test-0123456789abcdef';

let fake: FakeLlmServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeOpenAIOptions = {}, options: Partial<ProviderOptions> = {}) {
  fake = await startFakeOpenAI({ apiKey: KEY, ...fakeOptions });
  const provider = createProvider({ provider: 'openai', apiKey: KEY, baseURL: fake.url, maxRetries: 0, ...options });
  return { fake, provider };
}

function ask(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return request('gpt-5-mini', 500, overrides);
}



describe('OpenAI provider over the real SDK', () => {
  it('completes with the system prefix first and only the parameters asked for', async () => {
    const { fake, provider } = await setup({ reply: 'On 3 December.' });
    const result = await provider.complete(ask({ model: 'llama3.1' }));

    expect(result.text).toBe('On 3 December.');
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('llama3.1');
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.json).toBeUndefined();

    const [request] = fake.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body.messages).toEqual([
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'When is the launch?' },
    ]);
    // A compatible server (here, a 127.0.0.1 URL) gets the classic field; nothing OpenAI-only.
    expect(request.body.max_tokens).toBe(500);
    for (const field of ['max_completion_tokens', 'reasoning_effort', 'temperature', 'response_format', 'stream']) {
      expect(request.body).not.toHaveProperty(field);
    }
  });

  it('sends max_completion_tokens when configured to (as for api.openai.com), and temperature when asked', async () => {
    const { fake, provider } = await setup({}, { maxTokensField: 'max_completion_tokens' });
    await provider.complete(ask({ model: 'gpt-4.1', temperature: 0.2 }));
    expect(fake.requests[0].body.max_completion_tokens).toBe(500);
    expect(fake.requests[0].body).not.toHaveProperty('max_tokens');
    expect(fake.requests[0].body.temperature).toBe(0.2);
  });

  it('keeps the system prefix byte-identical between calls and reports cached prompt tokens', async () => {
    const { fake, provider } = await setup({ reply: ['first', 'second'] });
    const first = await provider.complete(ask());
    const second = await provider.complete(ask({ messages: [{ role: 'user', content: 'Who owns it?' }] }));

    const systemBytes = fake.requests.map((r) => JSON.stringify(r.body.messages[0]));
    expect(systemBytes[0]).toBe(systemBytes[1]);
    expect(fake.requests[0].rawBody).toContain(JSON.stringify(SYSTEM));
    expect(first.usage.cachedPromptTokens).toBe(0);
    expect(second.usage.cachedPromptTokens).toBe(Math.ceil(SYSTEM.length / 4));
    expect(second.usage.cachedPromptTokens).toBeLessThan(second.usage.promptTokens);
  });

  it('streams deltas that concatenate to the text, with usage from the final chunk', async () => {
    const { fake, provider } = await setup({
      reply: { text: 'Launch is on 3 December.', usage: { promptTokens: 120, completionTokens: 7, cachedPromptTokens: 64 } },
    });
    const { deltas, result } = await drain(provider, ask());

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Launch is on 3 December.');
    expect(result.text).toBe('Launch is on 3 December.');
    expect(result.usage).toEqual({ promptTokens: 120, completionTokens: 7, cachedPromptTokens: 64 });
    expect(fake.requests[0].body.stream).toBe(true);
    expect(fake.requests[0].body.stream_options).toEqual({ include_usage: true });
  });

  it('asks for structured output through response_format and parses the JSON', async () => {
    const { fake, provider } = await setup({ reply: { json: { summary: 'Launch moved to 3 Dec' } } });
    const result = await provider.complete(ask({ schema: SCHEMA }));

    expect(result.json).toEqual({ summary: 'Launch moved to 3 Dec' });
    expect(JSON.parse(result.text)).toEqual(result.json);
    expect(fake.requests[0].body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'sleep_pass', description: 'What the pass learned', schema: SCHEMA.schema, strict: true },
    });
  });

  it('parses structured output that arrives as a stream', async () => {
    const { provider } = await setup({ reply: { json: { summary: 'streamed' }, chunks: ['{"summ', 'ary": "stre', 'amed"}'] } });
    const { deltas, result } = await drain(provider, ask({ schema: SCHEMA }));
    expect(deltas).toEqual(['{"summ', 'ary": "stre', 'amed"}']);
    expect(result.json).toEqual({ summary: 'streamed' });
  });

  it('accepts JSON wrapped in a markdown fence, as small local models send it', async () => {
    const { provider } = await setup({ reply: '```json\n{"summary": "fenced"}\n```' });
    const result = await provider.complete(ask({ schema: SCHEMA }));
    expect(result.json).toEqual({ summary: 'fenced' });
  });

  it('maps reasoning effort to reasoning_effort on reasoning models, which never get a temperature', async () => {
    const { fake, provider } = await setup();
    await provider.complete(ask({ reasoningEffort: 'high', temperature: 0.8 }));
    expect(fake.requests[0].body.reasoning_effort).toBe('high');
    expect(fake.requests[0].body).not.toHaveProperty('temperature');
  });

  it('reserves room for reasoning in a reasoning model\'s completion budget, none for others', async () => {
    const { fake, provider } = await setup({}, { maxTokensField: 'max_completion_tokens' });
    await provider.complete(ask({ maxTokens: 600, reasoningEffort: 'low' }));
    await provider.complete(ask({ maxTokens: 600 }));
    await provider.complete(ask({ model: 'gpt-4.1-mini', maxTokens: 600 }));
    expect(fake.requests.map((r) => r.body.max_completion_tokens)).toEqual([600 + 1024, 600 + 4096, 600]);
  });

  it('other models (gpt-4.1, local llama) get the temperature and no reasoning_effort', async () => {
    const { fake, provider } = await setup();
    await provider.complete(ask({ model: 'llama3.1', reasoningEffort: 'high', temperature: 0.8 }));
    expect(fake.requests[0].body.temperature).toBe(0.8);
    expect(fake.requests[0].body).not.toHaveProperty('reasoning_effort');
  });

  it('embeds through /embeddings with floats, in input order', async () => {
    const { fake, provider } = await setup({}, { embeddingModel: 'text-embedding-3-small' });
    const vectors = await provider.embed!(['launch date', 'launch date moved', 'lunch menu']);

    expect(vectors).toHaveLength(3);
    expect(vectors[0]).toHaveLength(16);
    const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);
    expect(cosine(vectors[0], vectors[1])).toBeGreaterThan(cosine(vectors[0], vectors[2]));
    expect(fake.requests[0].path).toBe('/v1/embeddings');
    expect(fake.requests[0].body).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['launch date', 'launch date moved', 'lunch menu'],
      encoding_format: 'float',
    });
  });

  it('has no embed without an embedding model', async () => {
    const { provider } = await setup();
    expect(provider.embed).toBeUndefined();
  });
});

describe('OpenAI provider failures', () => {
  it('retries a 429 inside the SDK and waits as long as retry-after says', async () => {
    const { fake, provider } = await setup(
      { reply: [{ status: 429, headers: { 'retry-after': '1' } }, 'after the wait'] },
      { maxRetries: 2 },
    );
    const result = await provider.complete(ask());
    expect(result.text).toBe('after the wait');
    expect(fake.requests).toHaveLength(2);
    // The SDK's own backoff for a first retry is at most 0.5 s; one second proves the header won.
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(990);
  });

  it('retries a 429 with retry-after: 0 at once', async () => {
    const { fake, provider } = await setup(
      { reply: [{ status: 429, headers: { 'retry-after': '0' } }, 'ok'] },
      { maxRetries: 1 },
    );
    await expect(provider.complete(ask())).resolves.toMatchObject({ text: 'ok' });
    expect(fake.requests).toHaveLength(2);
    // openai-node takes a zero at its word; its own first backoff would be 375-500 ms.
    expect(fake.requests[1].at - fake.requests[0].at).toBeLessThan(300);
  });

  it('does not wait out a retry-after longer than maxRetryAfterMs: RateLimitError at once', async () => {
    const { fake, provider } = await setup(
      { reply: [{ status: 429, headers: { 'retry-after': '3600' } }, 'too late'] },
      { maxRetries: 2, maxRetryAfterMs: 5_000 },
    );
    const error = await failure(provider.complete(ask()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a 429 it may not retry into RateLimitError carrying retryAfterMs', async () => {
    const { fake, provider } = await setup({ reply: { status: 429, headers: { 'retry-after-ms': '1500' } } });
    const error = await failure(provider.complete(ask()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.code).toBe(ErrorCode.ProviderRateLimited);
    expect((error as RateLimitError).retryAfterMs).toBe(1500);
    expect(fake.requests).toHaveLength(1);
  });

  it('maps 500 to ProviderUnavailable, after the SDK retried 5xx', async () => {
    const { fake, provider } = await setup({ reply: [{ status: 503 }, { status: 500 }] }, { maxRetries: 1 });
    const error = await failure(provider.complete(ask()));
    expect(error.code).toBe(ErrorCode.ProviderUnavailable);
    expect(error.status).toBe(500);
    expect(fake.requests).toHaveLength(2);
  });

  it('maps a slow reply past timeoutMs to ProviderTimeout', async () => {
    const { provider } = await setup({ reply: { text: 'too late', delayMs: 2_000 } });
    const started = Date.now();
    const error = await failure(provider.complete(ask({ timeoutMs: 150 })));
    expect(error.code).toBe(ErrorCode.ProviderTimeout);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('applies the client-wide timeout too', async () => {
    const { provider } = await setup({ reply: { text: 'too late', delayMs: 2_000 } }, { timeoutMs: 150 });
    expect((await failure(provider.complete(ask()))).code).toBe(ErrorCode.ProviderTimeout);
  });

  it('maps 401 to ProviderAuth without the key anywhere in the error', async () => {
    fake = await startFakeOpenAI({ apiKey: KEY });
    const wrongKey = 'sk-wrong-fedcba9876543210';
    const provider = createProvider({ provider: 'openai', apiKey: wrongKey, baseURL: fake.url, maxRetries: 0 });
    const error = await failure(provider.complete(ask()));

    expect(error.code).toBe(ErrorCode.ProviderAuth);
    expect(error.status).toBe(401);
    // The fake echoes the key it was sent, as OpenAI's own 401 does (partly masked there).
    expect(JSON.stringify(await fetchBody(fake.url, wrongKey))).toContain(wrongKey);
    expect(error.message).toContain('[redacted]');
    expect(inspect(error, { depth: 5 })).not.toContain(wrongKey);
  });

  it('maps 400 to ProviderBadRequest', async () => {
    const { provider } = await setup({ reply: { status: 400 } });
    expect((await failure(provider.complete(ask()))).code).toBe(ErrorCode.ProviderBadRequest);
  });

  it('rejects a structured reply that is not JSON with InvalidModelOutputError', async () => {
    const { provider } = await setup({ reply: 'Sure! The summary is: launch moved.' });
    await expect(provider.complete(ask({ schema: SCHEMA }))).rejects.toBeInstanceOf(InvalidModelOutputError);
  });

  it('rejects a structured reply cut off at maxTokens, even mid-stream', async () => {
    const { provider } = await setup({ reply: { text: '{"summary": "laun', finishReason: 'length' } });
    await expect(drain(provider, ask({ schema: SCHEMA }))).rejects.toThrow(/cut off at maxTokens/);
  });

  it('maps a body that is not JSON to a ProviderError', async () => {
    const { provider } = await setup({ reply: { malformed: true } });
    expect((await failure(provider.complete(ask()))).code).toBe(ErrorCode.Provider);
  });

  it('stops when the caller aborts', async () => {
    const { provider } = await setup({ reply: { text: 'never', delayMs: 2_000 } });
    const error = await failure(provider.complete(ask({ signal: AbortSignal.timeout(100) })));
    expect(error.message).toMatch(/aborted/);
  });
});

/** What the fake answers a request made with `key`, read without the SDK. */
async function fetchBody(url: string, key: string): Promise<unknown> {
  const response = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'x', messages: [] }),
  });
  return response.json();
}

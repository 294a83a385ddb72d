import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { drain, failure, request, SCHEMA, SYSTEM } from './provider-kit.js';
import { ErrorCode, InvalidModelOutputError, RateLimitError } from '../../src/core/errors.js';
import { createProvider } from '../../src/llm/create-provider.js';
import type { ProviderOptions } from '../../src/llm/options.js';
import type { CompletionRequest } from '../../src/llm/provider.js';
import { startFakeAnthropic, type FakeAnthropicOptions, type FakeLlmServer } from '../fakes/fake-anthropic.js';

const KEY = 'sk-ant-test-0123456789abcdef';

let fake: FakeLlmServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeAnthropicOptions = {}, options: Partial<ProviderOptions> = {}) {
  fake = await startFakeAnthropic({ apiKey: KEY, ...fakeOptions });
  const provider = createProvider({ provider: 'anthropic', apiKey: KEY, baseURL: fake.url, maxRetries: 0, ...options });
  return { fake, provider };
}

function ask(overrides: Partial<CompletionRequest> = {}): CompletionRequest {
  return request('claude-haiku-4-5', 1000, overrides);
}



describe('Anthropic provider over the real SDK', () => {
  it('completes with the system prefix as one cache_control text block', async () => {
    const { fake, provider } = await setup({ reply: 'On 3 December.' });
    const result = await provider.complete(ask());

    expect(result).toMatchObject({ text: 'On 3 December.', finishReason: 'stop', model: 'claude-haiku-4-5' });
    const [request] = fake.requests;
    expect(request.path).toBe('/v1/messages');
    // This SDK version sends the key as a bearer token; older ones used x-api-key.
    expect(request.headers['x-api-key'] ?? request.headers.authorization).toMatch(new RegExp(`^(Bearer )?${KEY}$`));
    expect(request.headers['anthropic-version']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(request.body.system).toEqual([{ type: 'text', text: SYSTEM, cache_control: { type: 'ephemeral' } }]);
    expect(request.body.messages).toEqual([{ role: 'user', content: 'When is the launch?' }]);
    expect(request.body.max_tokens).toBe(1000);
    for (const field of ['thinking', 'tools', 'tool_choice', 'temperature', 'output_config', 'stream']) {
      expect(request.body).not.toHaveProperty(field);
    }
  });

  it('keeps the prefix byte-identical and counts cache writes and reads as prompt tokens', async () => {
    const { fake, provider } = await setup({ reply: ['first', 'second'] });
    const first = await provider.complete(ask());
    const second = await provider.complete(ask({ messages: [{ role: 'user', content: 'Who owns the launch?' }] }));

    const prefix = (raw: string) => raw.slice(raw.indexOf('"system"'), raw.indexOf(']', raw.indexOf('"system"')) + 1);
    expect(prefix(fake.requests[1].rawBody)).toBe(prefix(fake.requests[0].rawBody));
    expect(prefix(fake.requests[0].rawBody)).toContain('"cache_control":{"type":"ephemeral"}');

    const systemTokens = Math.ceil(SYSTEM.length / 4);
    // First call writes the cache: those tokens are prompt tokens, none of them cached.
    expect(first.usage.cachedPromptTokens).toBe(0);
    expect(first.usage.promptTokens).toBeGreaterThan(systemTokens);
    // Second call reads it: input_tokens shrank, but promptTokens is still the whole prompt.
    expect(second.usage.cachedPromptTokens).toBe(systemTokens);
    expect(second.usage.promptTokens).toBeGreaterThan(systemTokens);
  });

  it('maps usage fields exactly: input + cache writes + cache reads', async () => {
    const { provider } = await setup({
      reply: { text: 'x', usage: { promptTokens: 1000, cachedPromptTokens: 700, cacheCreationTokens: 200, completionTokens: 9 } },
    });
    const { usage } = await provider.complete(ask());
    expect(usage).toEqual({ promptTokens: 1000, cachedPromptTokens: 700, completionTokens: 9 });
  });

  it('streams text deltas that concatenate, with usage from message_start and message_delta', async () => {
    const { fake, provider } = await setup({
      reply: { text: 'Launch is on 3 December.', usage: { promptTokens: 300, cachedPromptTokens: 250, completionTokens: 8 } },
    });
    const { deltas, result } = await drain(provider, ask());

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Launch is on 3 December.');
    expect(result.text).toBe('Launch is on 3 December.');
    // message_start says output_tokens 1; the final count comes from message_delta.
    expect(result.usage).toEqual({ promptTokens: 300, cachedPromptTokens: 250, completionTokens: 8 });
    expect(fake.requests[0].body.stream).toBe(true);
  });

  it('asks for structured output by forcing one tool and reads its input', async () => {
    const { fake, provider } = await setup({ reply: { json: { summary: 'Launch moved to 3 Dec' } } });
    const result = await provider.complete(ask({ schema: SCHEMA }));

    expect(result.json).toEqual({ summary: 'Launch moved to 3 Dec' });
    expect(JSON.parse(result.text)).toEqual(result.json);
    expect(result.finishReason).toBe('stop');
    expect(fake.requests[0].body.tools).toEqual([
      { name: 'sleep_pass', description: SCHEMA.description, input_schema: SCHEMA.schema },
    ]);
    expect(fake.requests[0].body.tool_choice).toEqual({ type: 'tool', name: 'sleep_pass' });
  });

  it('streams structured output as the tool JSON and parses it at the end', async () => {
    const { provider } = await setup({ reply: { json: { summary: 'streamed' }, chunks: ['{"summ', 'ary":"stre', 'amed"}'] } });
    const { deltas, result } = await drain(provider, ask({ schema: SCHEMA }));
    expect(deltas).toEqual(['{"summ', 'ary":"stre', 'amed"}']);
    expect(result.json).toEqual({ summary: 'streamed' });
  });

  it('maps reasoning effort to a thinking budget on 4.5 models, with room left for the answer', async () => {
    const { fake, provider } = await setup({ reply: { thinking: 'Let me look at msg 1…', json: { summary: 'ok' } } });
    const result = await provider.complete(ask({ reasoningEffort: 'medium', temperature: 0.3, schema: SCHEMA }));

    const body = fake.requests[0].body;
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4096 });
    expect(body.max_tokens).toBe(1000 + 4096);
    // Thinking rejects a forced tool and a temperature: the tool is offered, not forced.
    expect(body.tool_choice).toEqual({ type: 'auto' });
    expect(body).not.toHaveProperty('temperature');
    expect(result.json).toEqual({ summary: 'ok' });
    expect(result.text).not.toContain('Let me look');
  });

  it('uses adaptive thinking with output_config.effort on 4.6 and later', async () => {
    const { fake, provider } = await setup();
    await provider.complete(ask({ model: 'claude-sonnet-4-6', reasoningEffort: 'high' }));
    const body = fake.requests[0].body;
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(body.output_config).toEqual({ effort: 'high' });
    expect(body.max_tokens).toBe(1000 + 16_384);
  });

  it('keeps thinking out of streamed text', async () => {
    const { provider } = await setup({ reply: { thinking: 'pondering', text: 'Answer.' } });
    const { deltas, result } = await drain(provider, ask({ reasoningEffort: 'low' }));
    expect(deltas.join('')).toBe('Answer.');
    expect(result.text).toBe('Answer.');
  });

  it('sends temperature to models that accept it and leaves it out for 4.7 and later', async () => {
    const { fake, provider } = await setup({ reply: ['a', 'b'] });
    await provider.complete(ask({ temperature: 0.2 }));
    await provider.complete(ask({ model: 'claude-opus-4-7', temperature: 0.2 }));
    expect(fake.requests[0].body.temperature).toBe(0.2);
    expect(fake.requests[1].body).not.toHaveProperty('temperature');
  });

  it('falls back to JSON in the text when a thinking model answers without the tool', async () => {
    const { provider } = await setup({ reply: '{"summary": "from text"}' });
    const result = await provider.complete(ask({ reasoningEffort: 'low', schema: SCHEMA }));
    expect(result.json).toEqual({ summary: 'from text' });
  });
});

describe('Anthropic provider failures', () => {
  it('retries a 429 inside the SDK and waits as long as retry-after-ms says', async () => {
    const { fake, provider } = await setup(
      { reply: [{ status: 429, headers: { 'retry-after-ms': '700' } }, 'after the wait'] },
      { maxRetries: 2 },
    );
    await expect(provider.complete(ask())).resolves.toMatchObject({ text: 'after the wait' });
    expect(fake.requests).toHaveLength(2);
    // The SDK's own backoff for a first retry is at most 0.5 s.
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(690);
  });

  it('retries a 429 with retry-after: 0 using its own backoff', async () => {
    const { fake, provider } = await setup(
      { reply: [{ status: 429, headers: { 'retry-after': '0' } }, 'ok'] },
      { maxRetries: 1 },
    );
    await expect(provider.complete(ask())).resolves.toMatchObject({ text: 'ok' });
    expect(fake.requests).toHaveLength(2);
    // The Anthropic SDK treats zero as "no advice" and backs off 375-500 ms.
    expect(fake.requests[1].at - fake.requests[0].at).toBeGreaterThanOrEqual(350);
  });

  it('turns a 429 it may not retry into RateLimitError carrying retryAfterMs', async () => {
    const { fake, provider } = await setup({ reply: { status: 429, headers: { 'retry-after': '7' } } });
    const error = await failure(provider.complete(ask()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
    expect(fake.requests).toHaveLength(1);
  });

  it('maps 500 and 529 (overloaded) to ProviderUnavailable', async () => {
    const { provider } = await setup({ reply: [{ status: 500 }, { status: 529 }] });
    expect((await failure(provider.complete(ask()))).code).toBe(ErrorCode.ProviderUnavailable);
    const overloaded = await failure(provider.complete(ask()));
    expect(overloaded.code).toBe(ErrorCode.ProviderUnavailable);
    expect(overloaded.status).toBe(529);
  });

  it('maps a slow reply past timeoutMs to ProviderTimeout, streamed or not', async () => {
    const { provider } = await setup({ reply: { text: 'too late', delayMs: 2_000 } });
    expect((await failure(provider.complete(ask({ timeoutMs: 150 })))).code).toBe(ErrorCode.ProviderTimeout);
    expect((await failure(drain(provider, ask({ timeoutMs: 150 })))).code).toBe(ErrorCode.ProviderTimeout);
  });

  it('maps 401 to ProviderAuth without the key anywhere in the error', async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
    const wrongKey = 'sk-ant-wrong-fedcba9876543210';
    const provider = createProvider({ provider: 'anthropic', apiKey: wrongKey, baseURL: fake.url, maxRetries: 0 });
    const error = await failure(provider.complete(ask()));

    expect(error.code).toBe(ErrorCode.ProviderAuth);
    expect(error.message).toContain('[redacted]'); // the fake echoed the key; it was scrubbed
    expect(inspect(error, { depth: 5 })).not.toContain(wrongKey);
  });

  it('rejects a structured reply in prose with InvalidModelOutputError', async () => {
    const { provider } = await setup({ reply: 'I think the summary is that the launch moved.' });
    await expect(provider.complete(ask({ reasoningEffort: 'low', schema: SCHEMA }))).rejects.toBeInstanceOf(
      InvalidModelOutputError,
    );
  });

  it('rejects a tool call cut off at max_tokens rather than trusting a partial input', async () => {
    const { provider } = await setup({ reply: { json: { summary: 'half' }, finishReason: 'length' } });
    await expect(provider.complete(ask({ schema: SCHEMA }))).rejects.toThrow(/cut off at maxTokens/);
    await expect(drain(provider, ask({ schema: SCHEMA }))).rejects.toBeInstanceOf(InvalidModelOutputError);
  });
});

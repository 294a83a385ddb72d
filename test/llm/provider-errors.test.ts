import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { ErrorCode, MullError, RateLimitError } from '../../src/core/errors.js';
import { createProvider } from '../../src/llm/create-provider.js';
import { redact, retryAfterMs, toProviderError } from '../../src/llm/provider-errors.js';

const headers = (init: Record<string, string>) => new Headers(init);

describe('retryAfterMs', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }))).toBe(1500);
    expect(retryAfterMs(headers({ 'retry-after': '2.5' }))).toBe(2500);
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Fri, 27 Nov 2026 10:00:30 GMT' }), now)).toBe(30_000);
  });

  it('is undefined when the server gave no usable advice', () => {
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('toProviderError', () => {
  const apiError = (status: number, message = 'nope') =>
    OpenAI.APIError.generate(status, { error: { message } }, undefined, headers({ 'retry-after': '3' }));

  it.each([
    [400, ErrorCode.ProviderBadRequest],
    [401, ErrorCode.ProviderAuth],
    [403, ErrorCode.ProviderAuth],
    [404, ErrorCode.ProviderBadRequest],
    [408, ErrorCode.ProviderTimeout],
    [402, ErrorCode.Provider],
    [502, ErrorCode.ProviderUnavailable],
  ])('maps HTTP %i to %s', (status, code) => {
    const error = toProviderError('openai', apiError(status), OpenAI, 'sk-secret');
    expect(error.code).toBe(code);
  });

  it('maps 429 to RateLimitError with the wait the server asked for', () => {
    const error = toProviderError('openai', apiError(429), OpenAI, 'sk-secret');
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3000);
  });

  it('maps connection failures to ProviderUnavailable and timeouts to ProviderTimeout', () => {
    const refused = new OpenAI.APIConnectionError({ cause: new Error('ECONNREFUSED') });
    expect(toProviderError('openai', refused, OpenAI, 'k').code).toBe(ErrorCode.ProviderUnavailable);
    expect(toProviderError('openai', new OpenAI.APIConnectionTimeoutError(), OpenAI, 'k').code).toBe(
      ErrorCode.ProviderTimeout,
    );
  });

  it('scrubs the key from the message and from the cause', () => {
    const error = toProviderError('openai', apiError(401, 'bad key sk-secret-123'), OpenAI, 'sk-secret-123');
    expect(error.message).toBe('openai: 401 bad key [redacted]');
    expect(String((error.cause as Error).message)).not.toContain('sk-secret-123');
  });

  it('passes MullErrors through untouched', () => {
    const original = new MullError(ErrorCode.InvalidModelOutput, 'x');
    expect(toProviderError('openai', original, OpenAI, 'k')).toBe(original);
  });

  it('redacts every occurrence, and nothing when there is no secret', () => {
    expect(redact('a KEY b KEY', 'KEY')).toBe('a [redacted] b [redacted]');
    expect(redact('unchanged', '')).toBe('unchanged');
  });
});

describe('createProvider', () => {
  it('refuses an empty key rather than letting the SDK look in the environment', () => {
    expect(() => createProvider({ provider: 'openai', apiKey: '' })).toThrow(MullError);
  });

  it('builds the provider named, with embed only where it exists', () => {
    const openai = createProvider({ provider: 'openai', apiKey: 'k', embeddingModel: 'text-embedding-3-small' });
    const anthropic = createProvider({ provider: 'anthropic', apiKey: 'k', embeddingModel: 'ignored' });
    expect([openai.name, typeof openai.embed]).toEqual(['openai', 'function']);
    expect([anthropic.name, anthropic.embed]).toEqual(['anthropic', undefined]);
  });
});

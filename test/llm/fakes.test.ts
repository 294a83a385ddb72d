import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic } from '../fakes/fake-anthropic.js';
import { startFakeOpenAI } from '../fakes/fake-openai.js';
import type { FakeLlmServer } from '../fakes/scripted-llm-server.js';

// The fakes are shared with the engine, adapter and benchmark tests: these pin the behaviour
// those tests rely on that the provider tests do not already exercise.
let fake: FakeLlmServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const post = (url: string, headers: Record<string, string>, body: unknown = { model: 'm', messages: [] }) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('LLM fakes', () => {
  it('Anthropic fake accepts the key as x-api-key or as a bearer token, and refuses none', async () => {
    fake = await startFakeAnthropic();
    expect((await post(`${fake.url}/v1/messages`, { 'x-api-key': 'k' })).status).toBe(200);
    expect((await post(`${fake.url}/v1/messages`, { authorization: 'Bearer k' })).status).toBe(200);
    expect((await post(`${fake.url}/v1/messages`, {})).status).toBe(401);
  });

  it('hands a function script the request and the call number', async () => {
    const seen: number[] = [];
    fake = await startFakeOpenAI({
      reply: (request, call) => {
        seen.push(call);
        return `you said ${request.body.messages[0].content}`;
      },
    });
    const response = await post(`${fake.url}/chat/completions`, { authorization: 'Bearer k' }, {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect((await response.json()).choices[0].message.content).toBe('you said hi');
    expect(seen).toEqual([0]);
  });

  it('answers a 400 naming the slip when a reply queue runs out, and setReply starts over', async () => {
    fake = await startFakeOpenAI({ reply: ['only one'] });
    const url = `${fake.url}/chat/completions`;
    expect((await post(url, { authorization: 'Bearer k' })).status).toBe(200);
    const exhausted = await post(url, { authorization: 'Bearer k' });
    expect(exhausted.status).toBe(400);
    expect(JSON.stringify(await exhausted.json())).toContain('no scripted reply for call 2');
    fake.setReply(['again']);
    expect((await (await post(url, { authorization: 'Bearer k' })).json()).choices[0].message.content).toBe('again');
  });

  it('records method, path, headers and body of every request', async () => {
    fake = await startFakeOpenAI();
    await post(`${fake.url}/chat/completions?x=1`, { authorization: 'Bearer k' }, { model: 'm', messages: [] });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions', body: { model: 'm' } });
    expect(fake.requests[0].headers.authorization).toBe('Bearer k');
  });
});

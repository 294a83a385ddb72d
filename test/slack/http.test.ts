import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback } from './payloads.js';

let h: Harness;
afterEach(async () => h?.close());

describe('HTTP mode', () => {
  it('rejects a bad signature with 401 and does nothing', async () => {
    h = await startHarness();
    const payload = eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> hi` }));
    const res = await h.event(payload, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(h.engine.asks).toHaveLength(0);
    expect(h.fake.posted()).toHaveLength(0);
  });

  it('rejects a correctly signed request older than five minutes (replay)', async () => {
    h = await startHarness();
    const payload = eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> hi` }));
    const res = await h.event(payload, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    expect(h.engine.asks).toHaveLength(0);
  });

  it('answers the url_verification challenge', async () => {
    h = await startHarness();
    const res = await h.event({ token: 't', challenge: 'challenge-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'challenge-123' });
  });

  it('serves /healthz for load balancers', async () => {
    h = await startHarness();
    const res = await fetch(`${h.slack.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect((await fetch(`${h.slack.url}/nope`)).status).toBe(404);
  });
});

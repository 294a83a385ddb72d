import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback } from './payloads.js';
import { ScriptedEngine } from './scripted-engine.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack shutdown', () => {
  it('stops taking events first, then lets an answer in flight go out before stop() resolves', async () => {
    const engine = new ScriptedEngine();
    const slowAsk = engine.ask.bind(engine);
    engine.ask = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      return slowAsk(request);
    };
    // Acked before the handler finishes, as in production.
    h = await startHarness({ engine, slack: { processBeforeResponse: false } });
    const acked = await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UALICE', text: `<@${BOT_USER}> when is the launch?` })));
    expect(acked.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the answer is being worked out
    await h.slack.stop();
    expect(h.fake.posted('CGENERAL')).toHaveLength(1); // it went out before stop() returned
    await expect(h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UBOB', text: `<@${BOT_USER}> and now?` })))).rejects.toThrow();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { eventCallback, message, messageChanged, messageDeleted, otherBotMessage, TEAM } from './payloads.js';

const GENERAL = `slack:${TEAM}:CGENERAL`;
let h: Harness;
afterEach(async () => h?.close());

describe('live ingest', () => {
  it('hands a new message to the engine with its channel, author name, thread and time in ms', async () => {
    h = await startHarness();
    await h.event(eventCallback(message({ channel: 'CGENERAL', user: 'UBOB', text: 'ask <@UALICE> about it', ts: '1700000000.000500', thread_ts: '1700000000.000100' })));
    expect(h.engine.ingested).toEqual([
      {
        type: 'message',
        channel: expect.objectContaining({ key: GENERAL, name: 'general', isPrivate: false, isDm: false }),
        message: { id: '1700000000.000500', ts: 1_700_000_000_000.5, user: 'UBOB', userName: 'bob', text: 'ask @alice about it', threadId: '1700000000.000100' },
      },
    ]);
    expect(h.engine.channels.map((c) => c.key)).toEqual([GENERAL]);
  });

  it('passes an edit and a deletion on to the engine', async () => {
    h = await startHarness();
    const original = { channel: 'CGENERAL', user: 'UBOB', ts: '1700000000.000700' };
    await h.event(eventCallback(messageChanged({ ...original, before: 'launch on the 12th', after: 'launch on the 14th' })));
    await h.event(eventCallback(messageDeleted({ ...original, text: 'launch on the 14th' })));
    expect(h.engine.ingested).toEqual([
      { type: 'edit', channel: GENERAL, id: original.ts, ts: 1_700_000_000_000.7, text: 'launch on the 14th', editedTs: expect.any(Number) },
      { type: 'delete', channel: GENERAL, id: original.ts, ts: 1_700_000_000_000.7 },
    ]);
  });

  it('ignores message_changed that only added an unfurl (same text)', async () => {
    h = await startHarness();
    await h.event(eventCallback(messageChanged({ channel: 'CGENERAL', user: 'UBOB', ts: '1700000000.000800', before: 'see https://x.dev', after: 'see https://x.dev' })));
    expect(h.engine.ingested).toHaveLength(0);
  });

  it('skips notices such as channel_join', async () => {
    h = await startHarness();
    await h.event(eventCallback({ type: 'message', subtype: 'channel_join', user: 'UBOB', text: '<@UBOB> has joined the channel', channel: 'CGENERAL', channel_type: 'channel', ts: '1700000000.000900' }));
    expect(h.engine.ingested).toHaveLength(0);
  });

  it('with ignoreBots off, ingests other bots as context but still never answers them', async () => {
    h = await startHarness({ slack: { ignoreBots: false } });
    await h.event(eventCallback(otherBotMessage({ channel: 'CGENERAL', text: 'deploy 42 finished' })));
    await h.event(eventCallback({ ...otherBotMessage({ channel: 'DALICE', text: 'hello mull' }), channel_type: 'im' }));
    // The channel's bot message is context; the one in Mull's own DM is never stored as history.
    expect(h.engine.ingested.map((e) => e.type === 'message' && e.message.bot)).toEqual([true]);
    expect(h.engine.asks).toHaveLength(0);
  });
});

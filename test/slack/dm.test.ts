import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { appMention, BOT_USER, eventCallback, message, TEAM } from './payloads.js';

const key = (id: string) => `slack:${TEAM}:${id}`;
let h: Harness;
afterEach(async () => h?.close());

describe('DMs', () => {
  it('answers from the channels the asker is in, never a private channel they are not in, and names them', async () => {
    h = await startHarness();
    h.fake.addChannel({ id: 'CRANDOM', name: 'random', members: [h.fake.bot.userId, 'UBOB'] });
    // A misbehaving engine that claims to have used everything and cites the secret channel:
    // the adapter must still name and link only what the asker may see.
    h.engine.answer = (r) => ({
      text: 'Here is what I know.',
      channelsUsed: [key('CGENERAL'), key('GSECRET')],
      citations: [
        { channel: key('CGENERAL'), messageId: '1700000000.000100', ts: 1, excerpt: 'x' },
        { channel: key('GSECRET'), messageId: '1700000000.000200', ts: 2, excerpt: 'y' },
      ],
      ...(r.scope.includes(key('GSECRET')) ? { text: 'LEAK' } : {}),
    });

    const res = await h.event(
      eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'what are the secret plans?' })),
    );

    expect(res.status).toBe(200);
    const [ask] = h.engine.asks;
    expect(ask.askedIn).toBe(key('DALICE'));
    expect(ask.scope.sort()).toEqual([key('CGENERAL'), key('DALICE')]);
    expect(ask.scope).not.toContain(key('GSECRET'));
    expect(ask.scope).not.toContain(key('CRANDOM'));
    const [reply] = h.fake.posted('DALICE');
    expect(reply.thread_ts).toBeUndefined();
    const shown = JSON.stringify(reply);
    expect(shown).toContain('from <#CGENERAL>');
    expect(shown).not.toContain('GSECRET');
    expect(shown).not.toContain('LEAK');
    expect(h.fake.callsTo('users.conversations')[0].params).toMatchObject({ user: 'UALICE', types: 'public_channel,private_channel,mpim' });
  });

  it('caches the access check briefly, and drops it when the person joins a channel', async () => {
    h = await startHarness();
    const ask = (text: string) => h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text })));
    await ask('first?');
    await ask('second?');
    expect(h.fake.callsTo('users.conversations')).toHaveLength(1);

    h.fake.channels.get('GSECRET')?.members.push('UALICE');
    await h.event(eventCallback({ type: 'member_joined_channel', user: 'UALICE', channel: 'GSECRET', channel_type: 'G', team: TEAM, ts: '1700000400.000100' }));
    await ask('third?');
    expect(h.fake.callsTo('users.conversations')).toHaveLength(2);
    expect(h.engine.asks.at(-1)?.scope).toContain(key('GSECRET'));
  });

  it("keeps answering mentions while a DM's access check waits out a users.conversations 429 (issue 14, 10)", async () => {
    h = await startHarness({ slack: { apiRetries: 2 } });
    h.fake.fail('users.conversations', { status: 429, retryAfter: 3, when: (p) => p.user === 'UALICE' });
    const dm = h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'what did we decide?' })));
    await h.fake.waitFor(() => h.fake.callsTo('users.conversations').length > 0);
    const started = Date.now();
    await h.event(eventCallback(appMention({ channel: 'CGENERAL', user: 'UBOB', text: `<@${BOT_USER}> still there?` })));
    expect(h.fake.posted('CGENERAL')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_500);
    await dm;
    // The DM waited out the 429 on its own client and was answered with the full scope.
    expect(h.fake.posted('DALICE')).toHaveLength(1);
    expect(h.engine.asks.find((a) => a.askedIn === key('DALICE'))?.scope).toContain(key('CGENERAL'));
  });

  it('answers from the DM alone when Slack cannot say which channels the asker is in', async () => {
    h = await startHarness();
    h.fake.fail('users.conversations', { error: 'missing_scope' });
    await h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text: 'anything?' })));
    expect(h.engine.asks[0].scope).toEqual([key('DALICE')]);
    expect(h.fake.posted('DALICE')).toHaveLength(1);
  });

  it('re-checks Slack once the cache window has passed', async () => {
    h = await startHarness({ slack: { dmAccessCacheMs: 1 } });
    const ask = (text: string) => h.event(eventCallback(message({ channel: 'DALICE', channel_type: 'im', user: 'UALICE', text })));
    await ask('first?');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await ask('second?');
    expect(h.fake.callsTo('users.conversations')).toHaveLength(2);
  });
});

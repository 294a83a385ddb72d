import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { formatAnswer, provenance } from '../../src/adapters/discord/format-answer.js';
import { messageLink, snowflakeTs } from '../../src/adapters/discord/keys.js';
import { loggableError } from '../../src/adapters/discord/loggable-error.js';
import { answer } from './scripted-engine.js';

describe('formatAnswer', () => {
  it('lists sources as <links> once each, then the small print', () => {
    const url = 'https://discord.com/channels/1/2/3';
    const text = formatAnswer({
      answer: answer({ text: 'March 3.', path: 'warm', notice: 'No model is configured; this is from stored notes.' }),
      sources: [{ url, userName: 'Dana' }, { url, userName: 'Dana' }],
      channelsUsed: ['#general in Acme'],
    });
    expect(text).toBe(
      [
        'March 3.',
        `**Sources**\n1. <${url}> (Dana)`,
        '-# Drawn from #general in Acme.\n-# No model is configured; this is from stored notes.\n-# Worked out just now.',
      ].join('\n\n'),
    );
  });

  it('says when a cached answer was thought out, as a Discord timestamp', () => {
    expect(provenance({ path: 'cached', thoughtAt: 1_767_225_600_000 })).toBe('Thought out in advance, <t:1767225600:R>.');
    expect(provenance({ path: 'cached' })).toBe('Thought out in advance.');
    expect(provenance({ path: 'cold' })).toBe('Worked out just now.');
  });
});

describe('Discord ids', () => {
  it('reads the time out of a snowflake and builds jump links', () => {
    expect(snowflakeTs('175928847299117063')).toBe(1462015105796); // Discord's documented example
    expect(messageLink('discord:81384788765712384:81384788765712385', '9', '77')).toBe('https://discord.com/channels/81384788765712384/77/9');
    expect(messageLink('discord:@dm:555', '9')).toBe('https://discord.com/channels/@me/555/9');
  });
});

describe('loggableError', () => {
  it('keeps an answer text and an interaction token out of the log', () => {
    const url = 'http://127.0.0.1:1/api/v10/webhooks/111/itoken-secret-abc/messages/%40original';
    const error = new DiscordAPIError({ message: 'Unknown Webhook', code: 10015 }, 10015, 404, 'PATCH', url, {
      body: { content: 'the answer text' },
    });
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toContain('itoken-secret-abc');
    expect(logged).not.toContain('the answer text');
    expect(loggableError(error)).toEqual({
      type: 'DiscordAPIError[10015]', message: '10015: Unknown Webhook', status: 404, method: 'PATCH', route: '/api/v10/webhooks/111/:token/messages/%40original',
    });
  });
});

/**
 * Issue 14 (10): the `unhandledRejection` handler of `mull start` logs errors scrubbed, as the
 * adapters do: no message text from request bodies, no tokens.
 */
import { Writable } from 'node:stream';
import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { logUnhandledRejection } from '../../src/cli/scrub-error.js';
import { createLogger } from '../../src/core/logger.js';

const BOT_TOKEN = 'MTIzNDU2Nzg5.discord-bot-token';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIz-interaction-token';
const ANSWER = 'The layoffs are planned for March.';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { logger: createLogger('info', sink), text: () => lines.join('') };
}

function rejections(): unknown[] {
  const rest = new DiscordAPIError(
    { code: 10062, message: 'Unknown interaction' },
    10062,
    404,
    'POST',
    `https://discord.com/api/v10/interactions/1234567890/${INTERACTION_TOKEN}/callback`,
    { body: { type: 4, data: { content: ANSWER } } },
  );
  const echoed = new Error(`request with Authorization: Bot ${BOT_TOKEN} failed; slack said xoxb-1111-2222-abcdef was invalid`);
  return [rest, echoed, `plain string with ${BOT_TOKEN}`];
}

describe('unhandled rejections in mull start', () => {
  it('a raw error in the log would carry the answer text and the tokens (the case being guarded)', () => {
    const { logger, text } = capture();
    for (const reason of rejections()) logger.error({ err: reason }, 'unhandled rejection');
    expect(text()).toContain(ANSWER);
    expect(text()).toContain(BOT_TOKEN);
  });

  it('are logged without message text, tokens or secrets, but with what helps debugging', () => {
    const { logger, text } = capture();
    const listener = logUnhandledRejection(logger, [BOT_TOKEN]);
    for (const reason of rejections()) listener(reason);
    const log = text();
    expect(log).not.toContain(ANSWER);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain(INTERACTION_TOKEN);
    expect(log).not.toContain('abcdef');
    expect(log).toContain('Unknown interaction');
    expect(log).toContain('"code":10062');
    expect(log).toContain('"status":404');
    expect(log.split('\n').filter(Boolean)).toHaveLength(3);
  });
});

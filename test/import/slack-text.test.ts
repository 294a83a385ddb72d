import { describe, expect, it } from 'vitest';
import { slackTextToPlain } from '../../src/import/slack-text.js';

const names = {
  user: (id: string) => ({ U1: 'Alice', U2: 'Bob' })[id],
  channel: (id: string) => ({ C1: 'general' })[id],
};

describe('Slack markup to plain text', () => {
  it.each([
    ['<@U1> ping', '@Alice ping'],
    ['<@U9|old-name> left', '@old-name left'],
    ['<@U9>', '@U9'],
    ['see <#C1|general-old> and <#C1>', 'see #general-old and #general'],
    ['<https://example.com|the docs>', 'the docs (https://example.com)'],
    ['<https://example.com>', 'https://example.com'],
    ['<https://example.com|https://example.com>', 'https://example.com'],
    ['<mailto:a@example.com|a@example.com>', 'a@example.com'],
    ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
    ['<!subteam^S1|@oncall> help', '@oncall help'],
    ['due <!date^1709632800^{date_short}|Mar 5>', 'due Mar 5'],
    ['R&amp;D &lt;3 &amp;lt;', 'R&D <3 &lt;'],
    ['no markup at all', 'no markup at all'],
    // Issue 14 (4): the private-channel form of @channel, and code kept as pasted.
    ['<!group> heads up', '@group heads up'],
    ['```$ date\n<tel:2024-01-01|2024-01-01> 12:00 &lt;ok&gt;```', '```$ date\n2024-01-01 12:00 <ok>```'],
    ['run `curl <http://localhost:8080/health>` then <https://x.example|the docs>', 'run `curl http://localhost:8080/health` then the docs (https://x.example)'],
    ['`<tel:5551234|555-1234>` vs <tel:5551234|555-1234>', '`555-1234` vs 555-1234 (tel:5551234)'],
  ])('%s', (input, expected) => {
    expect(slackTextToPlain(input, names)).toBe(expected);
  });
});

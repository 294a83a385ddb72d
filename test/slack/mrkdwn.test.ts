import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn } from '../../src/adapters/slack/mrkdwn.js';

describe('markdownToMrkdwn', () => {
  it.each([
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['~~gone~~', '~gone~'],
    ['see [the doc](https://x.dev/a?b=1&c=2)', 'see <https://x.dev/a?b=1&c=2|the doc>'],
    ['<https://x.dev>', '<https://x.dev>'],
    ['# Launch plan', '*Launch plan*'],
    ['## **Bold** heading', '*Bold heading*'],
    ['- one\n* two\n  + nested', '• one\n• two\n  • nested'],
    ['> quoted **text**', '> quoted *text*'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['`**not bold**` but **bold**', '`**not bold**` but *bold*'],
    ['2 * 3 * 4', '2 * 3 * 4'],
  ])('%s', (input, expected) => {
    expect(markdownToMrkdwn(input)).toBe(expected);
  });

  it('leaves code blocks untouched and drops the language tag', () => {
    expect(markdownToMrkdwn('```ts\nconst a = **b** < c;\n```')).toBe('```\nconst a = **b** < c;\n```');
  });
});

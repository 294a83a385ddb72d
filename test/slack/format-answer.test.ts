import { describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/adapters/slack/format-answer.js';
import { buildPermalink } from '../../src/adapters/slack/permalinks.js';
import type { Answer } from '../../src/core/engine.js';

const C = 'slack:T1:C1';
const base: Answer = { text: 'ok', citations: [], path: 'cold', channelsUsed: [C], latencyMs: 1 };
const options = { workspaceUrl: 'https://acme.slack.com/', scope: [C], nameChannels: false, maxChars: 2900, maxCitations: 2 };

describe('permalinks', () => {
  it('are built like chat.getPermalink returns them, with thread_ts for replies', () => {
    expect(buildPermalink('https://acme.slack.com/', 'C1', '1700000000.000100')).toBe('https://acme.slack.com/archives/C1/p1700000000000100');
    expect(buildPermalink('https://acme.slack.com', 'C1', '1700000001.000200', '1700000000.000100')).toBe(
      'https://acme.slack.com/archives/C1/p1700000001000200?thread_ts=1700000000.000100&cid=C1',
    );
  });
});

describe('formatAnswer', () => {
  it('shows at most maxCitations sources, only from the scope', () => {
    const citation = (channel: string, id: string) => ({ channel, messageId: id, ts: 1, excerpt: '' });
    const [reply] = formatAnswer(
      { ...base, citations: [citation('slack:T1:COTHER', '1.000001'), citation(C, '1.000002'), citation(C, '1.000003'), citation(C, '1.000004')] },
      options,
    );
    const context = JSON.stringify(reply.blocks?.[1]);
    expect(context).toContain('p1000002');
    expect(context).toContain('p1000003');
    expect(context).not.toContain('p1000004');
    expect(context).not.toContain('COTHER');
  });

  it('carries the engine notice', () => {
    const [reply] = formatAnswer({ ...base, path: 'offline', notice: 'No model is configured.' }, options);
    expect(JSON.stringify(reply.blocks)).toContain('_No model is configured._');
  });

  it('falls back to the notice when there is no text', () => {
    const [reply] = formatAnswer({ ...base, text: '', notice: 'Nothing known yet.' }, options);
    expect(reply.text).toBe('Nothing known yet.');
  });
});

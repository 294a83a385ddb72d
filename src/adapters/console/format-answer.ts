import type { Answer } from '../../core/engine.js';
import type { Channel } from '../../core/types.js';

const PATH_LABEL = {
  cached: 'thought out in advance',
  verified: 'thought out in advance, checked against newer messages just now',
  warm: 'worked out just now from what I had learned',
  cold: 'worked out just now from the raw history',
  offline: 'quoted from the history (no model)',
} as const;

function when(ts: number): string {
  return new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
}

/** Plain-text rendering of an answer for a terminal: text, numbered sources, and how it was made. */
export function formatConsoleAnswer(answer: Answer, channels: ReadonlyMap<string, Channel>): string {
  const lines = [answer.text.trim()];
  if (answer.citations.length) {
    lines.push('', 'Sources:');
    answer.citations.forEach((c, i) => {
      const name = channels.get(c.channel)?.name ?? c.channel;
      lines.push(`  [${i + 1}] #${name} · ${c.userName ?? 'someone'} · ${when(c.ts)} UTC — ${c.excerpt}`);
    });
  }
  const thought = (answer.path === 'cached' || answer.path === 'verified') && answer.thoughtAt ? ` on ${when(answer.thoughtAt)} UTC` : '';
  lines.push('', `(${answer.path}: ${PATH_LABEL[answer.path]}${thought}; ${answer.latencyMs} ms)`);
  if (answer.notice) lines.push(`Note: ${answer.notice}`);
  return lines.join('\n');
}

import type { PassReport, StatsReport } from '../../core/engine.js';
import type { ChannelKey } from '../../core/ids.js';
import { refusalText } from '../../sleep/rethink-cooldown.js';

const MAX_HIGHLIGHTS = 10;
const count = (n: number) => n.toLocaleString('en-US');

/** A `/rethink` result: what the pass did, and a few lines of what changed. */
export function formatPassReport(report: PassReport, channelLabel: string, topic?: string): string {
  const about = topic ? ` (about “${topic}”)` : '';
  const refusal = refusalText(report, channelLabel);
  if (refusal) return refusal;
  if (report.status === 'skipped') {
    return `Nothing to rethink in ${channelLabel}${about} right now${report.reason ? `: ${report.reason}` : ''}.`;
  }
  if (report.status === 'failed') {
    return `Rethinking ${channelLabel}${about} failed${report.reason ? `: ${report.reason}` : ''}. Nothing was changed.`;
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  const summary =
    `**Rethought ${channelLabel}**${about} in ${seconds} s: read ${count(report.messagesRead)} messages; ` +
    `${count(report.newNotes)} new notes, ${count(report.changedNotes)} changed, ${count(report.droppedNotes)} dropped; ` +
    `${count(report.anticipated)} questions anticipated.`;
  const highlights = report.highlights.slice(0, MAX_HIGHLIGHTS).map((line) => `- ${line}`);
  return [summary, ...highlights].join('\n');
}

/**
 * `/mull stats`: per channel, then answers, tokens, passes and budget. The day's budget use is the
 * whole team's figure: with `teamBudget: false` (a DM) only whether passes are paused is shown.
 */
export function formatStats(stats: StatsReport, labelOf: (key: ChannelKey) => string, options: { teamBudget?: boolean } = {}): string {
  const lines = ['**Mull stats**'];
  for (const channel of stats.channels) {
    const lastPass = channel.lastPassAt ? `last pass <t:${Math.floor(channel.lastPassAt / 1000)}:R>` : 'no pass yet';
    lines.push(
      `${labelOf(channel.channel)}: ${count(channel.messages)} messages, ${count(channel.notes)} notes, ` +
        `${count(channel.anticipated)} anticipated questions, ${lastPass}`,
    );
  }
  if (stats.channels.length === 0) lines.push('No channels yet.');
  const a = stats.answers;
  lines.push(
    `Answers: ${a.cached} thought out in advance, ${a.verified} prepared and checked, ${a.warm + a.cold + a.offline} worked out on the spot ` +
      `(p50 ${Math.round(stats.latency.p50)} ms, p95 ${Math.round(stats.latency.p95)} ms)`,
    `Tokens: ${count(stats.sleepTokens)} while idle; ${count(stats.testTokens.prompt)} in / ` +
      `${count(stats.testTokens.completion)} out while answering (${count(stats.testTokens.cached)} from the prompt cache)`,
    `Passes: ${stats.passes.ok} ok, ${stats.passes.failed} failed · Feedback: ${stats.feedback.up} up, ${stats.feedback.down} down`,
  );
  const budget = stats.budget;
  if (budget.dailyLimit !== null && options.teamBudget === false) {
    if (budget.exhausted) lines.push('The daily sleep budget is spent: passes wait until tomorrow; answers go on.');
  } else if (budget.dailyLimit !== null) {
    lines.push(
      `Budget: ${count(budget.usedToday)} of ${count(budget.dailyLimit)} tokens today${budget.exhausted ? ' (spent)' : ''}`,
    );
  }
  return lines.join('\n');
}

export const HELP_TEXT = [
  '**Mull** reads this server’s channels and thinks them over while nobody is asking, so answers come fast.',
  '- Mention me in a channel with a question: I answer from that channel, with links to the messages I used.',
  '- DM me: I answer from the channels you can read in servers we share, and say which ones.',
  '- `/rethink [topic]` thinks a channel over now.',
  '- `/mull ask question` answers just for you; `/mull stats` shows what I know and what it cost.',
].join('\n');

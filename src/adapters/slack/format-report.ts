import type { PassReport, StatsReport } from '../../core/engine.js';
import { refusalText } from '../../sleep/rethink-cooldown.js';
import { escapeText, markdownToMrkdwn } from './mrkdwn.js';

const n = (value: number): string => value.toLocaleString('en-US');

/** A /rethink outcome for the person who asked: what changed, then the pass's own highlights. */
export function formatPassReport(report: PassReport, channelId: string): string {
  const where = `<#${channelId}>`;
  const refusal = refusalText(report, where);
  if (refusal) return refusal;
  if (report.status === 'skipped') {
    return `Nothing to rethink in ${where}${report.reason ? `: ${escapeText(report.reason)}` : ''}.`;
  }
  if (report.status === 'failed') {
    return `Could not rethink ${where}${report.reason ? `: ${escapeText(report.reason)}` : ''}.`;
  }
  const changes = [
    `${n(report.newNotes)} new note${report.newNotes === 1 ? '' : 's'}`,
    `${n(report.changedNotes)} corrected`,
    `${n(report.droppedNotes)} dropped`,
    `${n(report.anticipated)} anticipated question${report.anticipated === 1 ? '' : 's'}`,
  ].join(', ');
  const lines = [
    `*Rethought ${where}*: ${changes} (read ${n(report.messagesRead)} messages in ${(report.durationMs / 1000).toFixed(1)} s).`,
    ...report.highlights.map((line) => `• ${markdownToMrkdwn(line)}`),
  ];
  return lines.join('\n');
}

/**
 * /mull stats: the channel's figures in a channel; in a DM, totals over the conversations the
 * asker is in (the engine sums only those), never the store's.
 */
export function formatStats(stats: StatsReport, channelId?: string): string {
  const lines = [channelId ? `*Mull in <#${channelId}>*` : `*Mull* across the ${n(stats.channels.length)} conversations you are in`];
  // Per-channel lines only for the channel asked about: a DM must not list channels by figures.
  for (const c of channelId ? stats.channels : []) {
    const last = c.lastPassAt ? `<!date^${Math.floor(c.lastPassAt / 1000)}^{date_short_pretty} {time}|${new Date(c.lastPassAt).toISOString()}>` : 'never';
    lines.push(`• ${n(c.messages)} messages · ${n(c.notes)} notes · ${n(c.anticipated)} anticipated questions · last thought ${last}`);
  }
  const a = stats.answers;
  lines.push(
    `• Answers: ${n(a.cached)} thought out in advance · ${n(a.verified)} prepared and checked · ${n(a.warm)} warm · ${n(a.cold)} cold · ${n(a.offline)} offline` +
      ` (p50 ${n(Math.round(stats.latency.p50))} ms, p95 ${n(Math.round(stats.latency.p95))} ms)`,
  );
  lines.push(`• Feedback: 👍 ${n(stats.feedback.up)} · 👎 ${n(stats.feedback.down)}`);
  lines.push(`• Passes: ${n(stats.passes.ok)} ok, ${n(stats.passes.failed)} failed · sleep-time tokens ${n(stats.sleepTokens)}`);
  // The day's spend is the whole team's figure: a DM says only whether passes are paused.
  if (stats.budget.dailyLimit !== null && !channelId) {
    if (stats.budget.exhausted) lines.push('• The daily sleep budget is spent: passes wait until tomorrow; answers go on.');
  } else if (stats.budget.dailyLimit !== null) {
    lines.push(`• Daily budget: ${n(stats.budget.usedToday)} of ${n(stats.budget.dailyLimit)} tokens${stats.budget.exhausted ? ' (spent)' : ''}`);
  }
  return lines.join('\n');
}

export const HELP_TEXT = [
  '*Mull* thinks about this channel while nobody is asking, so answers come fast.',
  '• Mention me (`@Mull what did we decide about X?`) and I answer in the thread, from this channel.',
  '• DM me and I answer from the channels you are in, and say which ones I used.',
  '• `/rethink [topic]`: think about this channel again now, optionally about one topic.',
  '• `/mull ask QUESTION`: an answer only you see.',
  '• `/mull stats`: what I know here, how I have been answering, and 👍/👎 so far.',
  '• `/mull settings`: passes on or off, sleep effort, who sees answers, thread follow-ups (channel creator, admins, owners change them).',
  '• `/mull forget`: drop what I learned and stored from this channel (asks first).',
].join('\n');

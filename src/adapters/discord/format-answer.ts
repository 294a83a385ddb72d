import type { Answer } from '../../core/engine.js';

/** A citation resolved to a jump link. */
export interface Source {
  url: string;
  userName?: string;
}

export interface FormatAnswerInput {
  answer: Answer;
  sources: Source[];
  /** Names of the channels a DM answer drew on ("#general in Acme"); omitted for channel answers. */
  channelsUsed?: string[];
}

/** More links than this bury the answer. */
const MAX_SOURCES = 10;

/**
 * An answer as a Discord message: the text, its sources as jump links wrapped in `<>` (Discord
 * shows no preview for those), the channels a DM answer drew on, and a line saying whether it was
 * thought out in advance (and when, as a `<t:…:R>` timestamp each reader sees in their own time
 * zone) or just now. Small print uses `-#` subtext.
 */
export function formatAnswer({ answer, sources, channelsUsed }: FormatAnswerInput): string {
  const parts = [answer.text.trim() || 'I have no answer to that yet.'];
  const unique = [...new Map(sources.map((source) => [source.url, source])).values()].slice(0, MAX_SOURCES);
  if (unique.length > 0) {
    const lines = unique.map((source, i) => `${i + 1}. <${source.url}>${source.userName ? ` (${source.userName})` : ''}`);
    parts.push(['**Sources**', ...lines].join('\n'));
  }
  const small: string[] = [];
  if (channelsUsed !== undefined) {
    small.push(channelsUsed.length > 0 ? `Drawn from ${channelsUsed.join(', ')}.` : 'Drawn from no channel.');
  }
  if (answer.notice) small.push(answer.notice);
  small.push(provenance(answer));
  parts.push(small.map((line) => `-# ${line}`).join('\n'));
  return parts.join('\n\n');
}

/** "Thought out in advance" for the cached path (and "checked just now" for the verified one), "just now" otherwise. */
export function provenance(answer: Pick<Answer, 'path' | 'thoughtAt'>): string {
  if (answer.path === 'cached' || answer.path === 'verified') {
    const checked = answer.path === 'verified' ? ' and checked just now' : '';
    return answer.thoughtAt !== undefined
      ? `Thought out in advance, <t:${Math.floor(answer.thoughtAt / 1000)}:R>${checked}.`
      : `Thought out in advance${checked}.`;
  }
  return 'Worked out just now.';
}

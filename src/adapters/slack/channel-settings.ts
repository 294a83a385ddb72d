import type { ChannelSettings } from '../../core/engine.js';
import { asMullError } from '../../core/errors.js';

/** `/mull settings NAME VALUE`: the names people type, and what each sets. */
const SETTERS: Record<string, (value: string) => Partial<ChannelSettings> | undefined> = {
  passes: (v) => (onOff(v) === undefined ? undefined : { passes: onOff(v)! }),
  effort: (v) => (['low', 'medium', 'high'].includes(v) ? { effort: v as ChannelSettings['effort'] } : v === 'default' ? { effort: null } : undefined),
  answers: (v) => (v === 'public' || v === 'asker' ? { answers: v } : v === 'private' ? { answers: 'asker' } : undefined),
  threads: (v) => (onOff(v) === undefined ? undefined : { threadFollowUps: onOff(v)! }),
};

export const SETTINGS_USAGE = [
  '`/mull settings` shows them; to change one (channel creator, workspace admins and owners):',
  '• `/mull settings passes on|off`: sleep passes in this channel',
  '• `/mull settings effort low|medium|high|default`: how hard each pass thinks',
  '• `/mull settings answers public|asker`: answers in the thread, or only for the person who asked',
  '• `/mull settings threads on|off`: answer follow-ups in a thread I was tagged in without a new mention',
].join('\n');

/** Parses `NAME VALUE`; a string explains what was wrong. */
export function parseSettingsPatch(argument: string): Partial<ChannelSettings> | string {
  const [name = '', value = ''] = argument.toLowerCase().split(/\s+/);
  const setter = SETTERS[name];
  if (!setter) return `There is no setting called “${name}”.\n${SETTINGS_USAGE}`;
  return setter(value) ?? `“${value || '(nothing)'}” is not a value for ${name}.\n${SETTINGS_USAGE}`;
}

/** The settings as lines of mrkdwn, for /mull settings, /mull stats and the App Home. */
export function describeSettings(settings: ChannelSettings, defaultEffort = 'the workspace default'): string[] {
  return [
    `• Sleep passes: *${settings.passes ? 'on' : 'paused'}*`,
    `• Sleep effort: *${settings.effort ?? defaultEffort}*`,
    `• Answers: *${settings.answers === 'public' ? 'in the thread, for everyone' : 'only for the person who asked'}*`,
    `• Follow-ups in threads I was tagged in: *${settings.threadFollowUps ? 'answered without a new mention' : 'need a new mention'}*`,
  ];
}

export function settingsError(error: unknown): string {
  return `Could not change that: ${asMullError(error).message}`;
}

function onOff(value: string): boolean | undefined {
  if (/^(on|true|yes|resume|1)$/.test(value)) return true;
  if (/^(off|false|no|pause|0)$/.test(value)) return false;
  return undefined;
}

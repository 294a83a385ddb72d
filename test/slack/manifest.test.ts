import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The manifest must ask for what the adapter listens to and calls. Read as text (no YAML parser
 * among the dependencies): each entry is a list item on its own line.
 */
const manifest = readFileSync(new URL('../../manifests/slack.yaml', import.meta.url), 'utf8');
const listed = (item: string) => new RegExp(`^\\s*- ${item.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(\\s|$)`, 'm').test(manifest);

describe('manifests/slack.yaml', () => {
  it.each([
    'app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim', 'member_joined_channel', 'member_left_channel',
    'channel_left', 'group_left', 'app_home_opened', 'assistant_thread_started', 'assistant_thread_context_changed',
  ])(
    'subscribes to %s',
    (event) => expect(listed(event)).toBe(true),
  );

  it.each([
    'app_mentions:read', 'channels:history', 'channels:read', 'groups:history', 'groups:read', 'im:history', 'im:read',
    'mpim:history', 'mpim:read', 'chat:write', 'commands', 'reactions:write', 'users:read', 'assistant:write',
  ])('asks for the %s scope', (scope) => expect(listed(scope)).toBe(true));

  it('declares /rethink and /mull, interactivity, and Socket Mode', () => {
    expect(listed('command: /rethink')).toBe(true);
    expect(listed('command: /mull')).toBe(true);
    expect(manifest).toMatch(/interactivity:\n(\s+#.*\n)*\s+is_enabled: true/);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
    expect(manifest).toMatch(/^\s+messages_tab_enabled: true$/m);
    expect(manifest).toMatch(/^\s+home_tab_enabled: true$/m);
    expect(manifest).toMatch(/^\s+assistant_view:\n\s+assistant_description: \S/m);
    expect(manifest).toContain('settings [NAME VALUE] | forget');
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { discordInviteUrl, INVITE_PERMISSIONS, registerDiscordCommands } from '../../src/adapters/discord/index.js';
import { FakeDiscord } from '../fakes/fake-discord.js';

const manifest = JSON.parse(readFileSync(new URL('../../manifests/discord-commands.json', import.meta.url), 'utf8'));

let fake: FakeDiscord;
afterEach(() => fake?.stop());

describe('Discord command registration', () => {
  it('PUTs the manifest to a guild, as is', async () => {
    fake = await FakeDiscord.start();
    const result = await registerDiscordCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, restRetries: 0 }, { guildId: '123456789012345678' });
    const [put] = fake.calls('PUT', /commands$/);
    expect(put!.path).toBe(`/applications/${fake.applicationId}/guilds/123456789012345678/commands`);
    expect(put!.body).toEqual(manifest);
    expect(result.names).toEqual(['rethink', 'mull']);
  });

  it('PUTs the manifest globally', async () => {
    fake = await FakeDiscord.start();
    await registerDiscordCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, restRetries: 0 }, { global: true });
    const [put] = fake.calls('PUT', /commands$/);
    expect(put!.path).toBe(`/applications/${fake.applicationId}/commands`);
    expect(put!.body).toEqual(manifest);
  });

  it('explains a refused token', async () => {
    fake = await FakeDiscord.start();
    const failure = registerDiscordCommands({ token: 'nope', applicationId: fake.applicationId, apiUrl: fake.apiUrl, restRetries: 0 }, { global: true });
    await expect(failure).rejects.toMatchObject({ code: 'mull_adapter_error', message: expect.stringContaining('the bot token was refused') });
  });

  it('defines /rethink [topic] for guilds and /mull ask|stats|help|settings|forget for guilds and DMs, all guild-installed', () => {
    const byName = Object.fromEntries(manifest.map((c: { name: string }) => [c.name, c]));
    expect(byName.rethink.contexts).toEqual([0]);
    expect(byName.rethink.options).toMatchObject([{ name: 'topic', type: 3, required: false }]);
    expect(byName.mull.contexts).toEqual([0, 1]);
    expect(byName.mull.options.map((o: { name: string }) => o.name)).toEqual(['ask', 'stats', 'help', 'settings', 'forget']);
    expect(byName.rethink.integration_types).toEqual([0]);
    expect(byName.mull.integration_types).toEqual([0]);
  });

  it('documents the invite URL with exactly the permissions the bot needs', () => {
    expect(INVITE_PERMISSIONS).toBe(274877975552n); // View Channels, Send Messages, Send Messages in Threads, Read Message History
    const docs = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(docs).toContain(discordInviteUrl('YOUR_APPLICATION_ID'));
  });
});

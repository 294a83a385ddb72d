import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { DiscordGatewayError, startDiscord } from '../../src/adapters/discord/index.js';
import { FakeDiscord } from '../fakes/fake-discord.js';
import { acme } from './acme.js';
import { MemoryStore } from './memory-store.js';
import { RecordingEngine, ScriptedEngine } from './scripted-engine.js';
import { settle, startDiscordHarness, type DiscordHarness } from './harness.js';

let fake: FakeDiscord | undefined;
let h: DiscordHarness | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.stop();
  h = fake = undefined;
});

describe('Discord gateway connection', () => {
  it('asks for exactly Guilds, GuildMessages, MessageContent and DirectMessages', async () => {
    h = await startDiscordHarness();
    const B = GatewayIntentBits;
    expect(h.fake.identifies[0]!.intents).toBe(B.Guilds | B.GuildMessages | B.MessageContent | B.DirectMessages);
    expect(h.fake.identifies[0]!.intents & B.GuildMembers).toBe(0);
  });

  it('fails with a clear error naming the Message Content switch when Discord closes with 4014', async () => {
    fake = await FakeDiscord.start();
    acme().install(fake);
    fake.refuseIdentifyWith = 4014;
    const store = new MemoryStore();
    const started = startDiscord(
      { engine: new RecordingEngine(new ScriptedEngine(store)), store, logger: silentLogger },
      { token: fake.token, apiUrl: fake.apiUrl, restRetries: 0, backfill: false },
    );
    const error = await started.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordGatewayError);
    expect(error).toMatchObject({ code: 'mull_adapter_error', closeCode: 4014 });
    expect((error as Error).message).toContain('Message Content Intent');
    expect((error as Error).message).toContain('Developer Portal → your application → Bot → Privileged Gateway Intents');
    await settle(1_000);
    expect(fake.identifies).toHaveLength(1); // gave up: no reconnect loop
  });

  it('fails clearly when the token is refused', async () => {
    fake = await FakeDiscord.start();
    const store = new MemoryStore();
    const error = await startDiscord(
      { engine: new RecordingEngine(new ScriptedEngine(store)), store, logger: silentLogger },
      { token: 'wrong', apiUrl: fake.apiUrl, restRetries: 0, backfill: false },
    ).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'mull_adapter_error' });
    expect((error as Error).message).toMatch(/could not connect to Discord: .*token/i);
  });
});

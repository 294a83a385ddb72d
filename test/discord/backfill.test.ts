import { afterEach, describe, expect, it } from 'vitest';
import { cursorKey, type BackfillCursor } from '../../src/adapters/discord/backfill.js';
import { guildChannelKey } from '../../src/adapters/discord/keys.js';
import { snowflake, type FakeDiscord, type Json } from '../fakes/fake-discord.js';
import type { Acme } from './acme.js';
import { startDiscordHarness, waitFor, type DiscordHarness } from './harness.js';

let h: DiscordHarness;
afterEach(() => h?.close());

/** `count` messages in a channel's history, a minute apart, oldest first. */
function seedHistory(fake: FakeDiscord, world: Acme, channelId: string, count: number, start = Date.UTC(2026, 0, 1)): Json[] {
  const messages = Array.from({ length: count }, (_, i) =>
    fake.message({ id: snowflake(start + i * 60_000), channel_id: channelId, guild_id: world.guild.id, author: i % 2 ? world.users.alice : world.users.bob, content: `message ${i}` }),
  );
  fake.history.set(channelId, [...(fake.history.get(channelId) ?? []), ...messages]);
  return messages;
}

const historyCalls = (h: DiscordHarness, channelId: string) => h.fake.calls('GET', new RegExp(`^/channels/${channelId}/messages$`)).map((r) => r.query);

describe('Discord backfill', () => {
  it('pages back through history 100 at a time and stores where it got to', async () => {
    let seeded: Json[] = [];
    let mine: Json = {};
    h = await startDiscordHarness({
      options: { backfill: true },
      before: (fake, world) => {
        seeded = seedHistory(fake, world, world.channels.general.id, 250);
        mine = fake.message({ id: snowflake(Date.UTC(2025, 11, 31)), channel_id: world.channels.general.id, guild_id: world.guild.id, author: fake.bot, content: 'an earlier answer of mine' });
        fake.history.get(world.channels.general.id)!.push(mine);
      },
    });
    await h.discord.backfillDone();
    const { general } = h.world.channels;
    const key = guildChannelKey(h.world.guild.id, general.id);

    expect(historyCalls(h, general.id)).toEqual([
      { limit: '100' },
      { limit: '100', before: seeded[150]!.id },
      { limit: '100', before: seeded[50]!.id },
    ]);
    // Every person's message once, in order; the bot's own answer is not history.
    expect(h.store.all(key).map((m) => m.text)).toEqual(seeded.map((m) => m.content));
    const batches = h.engine.of('ingestHistory');
    expect(batches.filter(([c]) => c.key === key).map(([, m]) => m.length)).toEqual([100, 100, 50]);
    expect(await h.store.getState<BackfillCursor>(cursorKey(general.id))).toEqual({ oldest: mine.id, newest: seeded[249]!.id, pages: 3, complete: true });

    // #secret is readable by the bot (its role is allowed); the thread is read too, filed under #general.
    expect(historyCalls(h, h.world.channels.secret.id)).toHaveLength(1);
    expect(historyCalls(h, h.world.channels.thread.id)).toHaveLength(1);
    // Guilds and channels were announced to the engine first.
    expect(h.engine.of('registerWorkspace').map(([w]) => w.name).sort()).toEqual(['Acme', 'Other']);
    expect(h.engine.of('upsertChannel').map(([c]) => c.name)).toEqual(expect.arrayContaining(['general', 'secret', 'ideas', 'other-general']));
    expect(h.engine.of('upsertChannel').find(([c]) => c.name === 'secret')![0].isPrivate).toBe(true);
  });

  it('resumes from the stored cursor after a restart: catches up on new messages, then goes on back', async () => {
    let seeded: Json[] = [];
    h = await startDiscordHarness({
      options: { backfill: true, backfillPages: 3 },
      before: async (fake, world, store) => {
        seeded = seedHistory(fake, world, world.channels.general.id, 400);
        // An earlier run read the newest 100 of the first 350, then stopped; 50 arrived since.
        await store.setState<BackfillCursor>(cursorKey(world.channels.general.id), { oldest: seeded[250]!.id, newest: seeded[349]!.id, pages: 1, complete: false });
      },
    });
    await h.discord.backfillDone();
    const { general } = h.world.channels;
    expect(historyCalls(h, general.id)).toEqual([
      { limit: '100', after: seeded[349]!.id },
      { limit: '100', before: seeded[250]!.id },
      { limit: '100', before: seeded[150]!.id },
    ]);
    const key = guildChannelKey(h.world.guild.id, general.id);
    expect(h.store.all(key)).toHaveLength(250); // 50 new + two older pages; the page limit (3) is reached
    expect(await h.store.getState<BackfillCursor>(cursorKey(general.id))).toEqual({ oldest: seeded[50]!.id, newest: seeded[399]!.id, pages: 3, complete: true });
  });

  it('reads nothing again once a channel is complete, and only what is new', async () => {
    h = await startDiscordHarness({
      options: { backfill: true },
      before: async (fake, world, store) => {
        const seeded = seedHistory(fake, world, world.channels.general.id, 30);
        await store.setState<BackfillCursor>(cursorKey(world.channels.general.id), { oldest: seeded[0]!.id, newest: seeded[29]!.id, pages: 1, complete: true });
      },
    });
    await h.discord.backfillDone();
    expect(historyCalls(h, h.world.channels.general.id)).toHaveLength(1);
    expect(h.engine.of('ingestHistory').filter(([c]) => c.id === h.world.channels.general.id)).toEqual([]);
  });

  it('backfills a guild the bot joins while running', async () => {
    h = await startDiscordHarness({ options: { backfill: true } });
    await h.discord.backfillDone();
    const guildId = snowflake();
    const channel = { id: snowflake(), type: 0, name: 'newcomers', position: 0, permission_overwrites: [], parent_id: null };
    const everyone = h.world.guild.roles[0]!;
    h.fake.history.set(channel.id, [h.fake.message({ channel_id: channel.id, guild_id: guildId, author: h.world.users.alice, content: 'welcome' })]);
    h.fake.joinGuild({
      id: guildId, name: 'Newco', owner_id: h.world.users.alice.id, roles: [{ ...everyone, id: guildId }], channels: [channel],
      members: [h.world.member(h.fake.bot)],
    });
    await waitFor(() => h.store.all(guildChannelKey(guildId, channel.id)).length === 1);
    expect(h.engine.of('registerWorkspace').map(([w]) => w.name)).toContain('Newco');
  });
});

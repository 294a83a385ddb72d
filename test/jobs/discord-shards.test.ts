/**
 * Discord shards (issue 12): two `mull start` processes, DISCORD_SHARDS=2 with shard ids 0 and 1,
 * against a fake Discord that routes each guild's events to shard (guild_id >> 22) % 2. A mention
 * in a guild on either shard is answered once, by the process running that shard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FakeDiscord, snowflake } from '../fakes/fake-discord.js';
import { acme } from '../discord/acme.js';
import { startMull, stopAll, until } from './mull-process.js';

let cwd = '';
let discord: FakeDiscord | undefined;
afterEach(async () => {
  await stopAll();
  await discord?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  cwd = '';
  discord = undefined;
});

const shardOf = (id: string, count: number) => Number((BigInt(id) >> 22n) % BigInt(count));

it('two shard processes answer mentions in guilds on both shards, each once', async () => {
  discord = await FakeDiscord.start();
  const world = acme();
  // Put the second guild on the other shard: shard = (id >> 22) % 2 is the parity of its millisecond.
  let otherId = snowflake();
  for (let ms = Date.now() + 1; shardOf(otherId, 2) === shardOf(world.guild.id, 2); ms++) otherId = snowflake(ms);
  world.other.id = otherId;
  world.other.roles[0]!.id = otherId;
  world.install(discord);
  expect(shardOf(world.guild.id, 2)).not.toBe(shardOf(world.other.id, 2));
  const { alice, bob } = world.users;
  discord.members.set(`${world.other.id}:${bob.id}`, world.member(bob));
  discord.members.set(`${world.other.id}:${discord.bot.id}`, world.member(discord.bot));

  cwd = mkdtempSync(join(tmpdir(), 'mull-shards-'));
  const env = (ids: string) => ({
    DISCORD_TOKEN: discord!.token, DISCORD_API_URL: discord!.apiUrl, DISCORD_APPLICATION_ID: discord!.applicationId,
    DISCORD_SHARDS: '2', DISCORD_SHARD_IDS: ids, MULL_STORE_URL: `sqlite://${join(cwd, 'mull.sqlite')}`, MULL_QUIET_MINUTES: '60',
  });
  const shards = [startMull('shard-0', ['start'], env('0'), cwd), startMull('shard-1', ['start'], env('1'), cwd)];
  for (const proc of shards) await proc.waitFor('Discord: connected');
  expect(discord.identifies.map((d) => d.shard).sort()).toEqual([[0, 2], [1, 2]]);

  const ask = async (guildId: string, channelId: string, asker: typeof alice, fact: string, question: string) => {
    discord!.dispatch('MESSAGE_CREATE', discord!.message({ channel_id: channelId, guild_id: guildId, author: bob, content: fact, member: world.member(bob) }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    discord!.dispatch('MESSAGE_CREATE', discord!.message({
      channel_id: channelId, guild_id: guildId, author: asker, content: `<@${discord!.bot.id}> ${question}`,
      mentions: [discord!.bot], member: world.member(asker), id: snowflake(),
    }));
  };
  await ask(world.guild.id, world.channels.general.id, alice, 'The falcon release ships on March 10', 'when does the falcon release ship?');
  await ask(world.other.id, world.channels.otherGeneral.id, bob, 'The heron budget is 12k euros', 'what is the heron budget?');
  const replies = (channel: string) => discord!.calls('POST', new RegExp(`^/channels/${channel}/messages$`)).filter((r) => r.body?.message_reference);
  await until(() => replies(world.channels.general.id).length >= 1 && replies(world.channels.otherGeneral.id).length >= 1, 'an answer in each guild', 20_000);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(replies(world.channels.general.id)).toHaveLength(1);
  expect(replies(world.channels.otherGeneral.id)).toHaveLength(1);
  expect(replies(world.channels.general.id)[0]!.body.content).toContain('March 10');
  expect(replies(world.channels.otherGeneral.id)[0]!.body.content).toContain('12k');
}, 60_000);

import { PermissionFlagsBits as P } from 'discord.js';
import { snowflake, type FakeDiscord, type FakeGuild } from '../fakes/fake-discord.js';

/**
 * Two guilds shaped like GUILD_CREATE payloads. Acme: #general (everyone), #secret (@everyone
 * denied View Channel; the staff role and the bot's role allowed), a public thread under #general,
 * and a forum. Other: a guild the bot is in but Alice is not.
 */
const bits = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();
const EVERYONE = bits(P.ViewChannel, P.SendMessages, P.ReadMessageHistory, P.SendMessagesInThreads, P.UseApplicationCommands);

const user = (username: string, extra: Record<string, unknown> = {}) => ({
  id: snowflake(), username, discriminator: '0', global_name: username[0]!.toUpperCase() + username.slice(1), avatar: null, ...extra,
});
const member = (u: { id: string }, roles: string[] = []) => ({
  user: u, roles, joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, nick: null, avatar: null,
});
const role = (id: string, name: string, permissions = '0', extra: Record<string, unknown> = {}) => ({
  id, name, permissions, color: 0, hoist: false, managed: false, mentionable: false, position: 1, flags: 0, icon: null, unicode_emoji: null, ...extra,
});
const text = (id: string, name: string, position: number, permission_overwrites: unknown[] = []) => ({
  id, type: 0, name, position, permission_overwrites, topic: null, nsfw: false, parent_id: null, rate_limit_per_user: 0, last_message_id: null,
});

export function acme() {
  const alice = user('alice');
  const bob = user('bob');
  const carol = user('carol');
  const otherBot = user('otherbot', { bot: true });
  const guildId = snowflake();
  const staff = snowflake();
  const mullRole = snowflake();
  const general = text(snowflake(), 'general', 0);
  const secret = text(snowflake(), 'secret', 1, [
    { id: guildId, type: 0, allow: '0', deny: bits(P.ViewChannel) },
    { id: staff, type: 0, allow: bits(P.ViewChannel), deny: '0' },
    { id: mullRole, type: 0, allow: bits(P.ViewChannel), deny: '0' },
  ]);
  const forum = { ...text(snowflake(), 'ideas', 2), type: 15, available_tags: [], default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 };
  const thread = {
    id: snowflake(), type: 11, name: 'launch-plan', parent_id: general.id, owner_id: alice.id, guild_id: guildId,
    message_count: 0, member_count: 1, rate_limit_per_user: 0, flags: 0, last_message_id: null,
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: '2025-01-01T00:00:00.000Z', locked: false },
  };
  const acmeGuild: FakeGuild = {
    id: guildId, name: 'Acme', owner_id: carol.id,
    roles: [role(guildId, '@everyone', EVERYONE, { position: 0 }), role(staff, 'staff'), role(mullRole, 'Mull', '0', { managed: true })],
    channels: [general, secret, forum], threads: [thread], members: [],
  };
  const otherId = snowflake();
  const otherGeneral = text(snowflake(), 'other-general', 0);
  const otherGuild: FakeGuild = {
    id: otherId, name: 'Other', owner_id: carol.id, roles: [role(otherId, '@everyone', EVERYONE, { position: 0 })],
    channels: [otherGeneral], members: [],
  };
  return {
    users: { alice, bob, carol, otherBot }, roles: { staff, mullRole }, guild: acmeGuild, other: otherGuild,
    channels: { general, secret, forum, thread, otherGeneral },
    /** Puts the bot into both guilds and Alice and Bob into Acme (served over REST only). */
    install(fake: FakeDiscord) {
      acmeGuild.members.push(member(fake.bot, [mullRole]));
      otherGuild.members.push(member(fake.bot));
      fake.guilds.push(acmeGuild, otherGuild);
      fake.members.set(`${guildId}:${alice.id}`, member(alice));
      fake.members.set(`${guildId}:${bob.id}`, member(bob, [staff]));
      fake.members.set(`${guildId}:${fake.bot.id}`, member(fake.bot, [mullRole]));
    },
    member,
  };
}

export type Acme = ReturnType<typeof acme>;

import { Events, PermissionFlagsBits, type Client } from 'discord.js';
import type { Run } from './edits-deletes.js';
import { historyChannels, placeOf } from './channels.js';
import { guildChannelKey } from './keys.js';

/**
 * Mull leaves a channel's history behind when it can no longer read the channel: the channel is
 * deleted, Mull loses View Channel there, or Mull is removed from the server. The engine then stops
 * passes and purges the channel's data after the grace period; regaining access calls that off.
 * @see https://discord.com/developers/docs/events/gateway-events#guild-delete
 */
export function watchRemoval(client: Client, run: Run): void {
  client.on(Events.ChannelDelete, (channel) => {
    const place = placeOf(channel);
    if (place && !place.threadId) run('channel removed', (ctx) => ctx.engine.channelRemoved(guildChannelKey(place.channel.guildId, place.channel.id)));
  });
  client.on(Events.ChannelUpdate, (_old, channel) => {
    const place = placeOf(channel);
    const me = place?.channel.guild.members.me;
    if (!place || place.threadId || !me) return;
    const key = guildChannelKey(place.channel.guildId, place.channel.id);
    const canView = place.channel.permissionsFor(me).has(PermissionFlagsBits.ViewChannel);
    run('channel access', (ctx) => (canView ? ctx.engine.channelRestored(key) : ctx.engine.channelRemoved(key)));
  });
  // Read from the raw dispatch, which discord.js emits before it empties the guild's channel cache
  // (GuildDelete comes after, with no channels left). `unavailable` is an outage, not a removal.
  client.on(Events.Raw, (packet: { t?: string; d?: { id?: string; unavailable?: boolean } }) => {
    if (packet.t !== 'GUILD_DELETE' || packet.d?.unavailable || !packet.d?.id) return;
    const guild = client.guilds.cache.get(packet.d.id);
    if (!guild) return;
    const keys = historyChannels(guild).map((channel) => guildChannelKey(guild.id, channel.id));
    run('guild removed', async (ctx) => {
      for (const key of keys) await ctx.engine.channelRemoved(key);
    });
  });
}

import { once } from 'node:events';
import { Client, Events, type CloseEvent } from 'discord.js';
import { ErrorCode, MullError } from '../../core/errors.js';
import { DiscordGatewayError, FATAL_CLOSE_CODES } from './gateway-error.js';
import { DiscordIntents, DiscordPartials } from './intents.js';
import type { ResolvedDiscordOptions } from './options.js';
import { SAFE_MENTIONS } from './send-chunks.js';

/** A discord.js client set up for Mull; not yet connected. */
export function createDiscordClient(options: ResolvedDiscordOptions): Client {
  return new Client({
    intents: [...DiscordIntents],
    partials: [...DiscordPartials],
    // REST appends /v10 itself; the gateway URL comes from GET /gateway/bot at this base.
    rest: { api: options.apiUrl, retries: options.restRetries, timeout: options.restTimeoutMs },
    allowedMentions: SAFE_MENTIONS,
    // Reply even when the question was deleted meanwhile, instead of failing with 50035.
    failIfNotExists: false,
    ...shardOptions(options),
  });
}

/** discord.js's `shards` / `shardCount`: 'auto' asks /gateway/bot; ids need the total. */
function shardOptions(options: Pick<ResolvedDiscordOptions, 'shards' | 'shardCount'>): { shards?: 'auto' | number[]; shardCount?: number } {
  if (options.shards === 'auto') return { shards: 'auto' };
  if (!options.shards) return {};
  return { shards: options.shards, shardCount: options.shardCount ?? 1 };
}

/**
 * Logs in and waits until every guild has arrived (ClientReady). A fatal close (4014 when the
 * Message Content intent is off, 4004 for a bad token) rejects with a DiscordGatewayError that
 * says what to switch on, and the client is destroyed so it does not retry.
 */
export async function connectDiscordClient(client: Client, token: string): Promise<Client<true>> {
  let fatal: DiscordGatewayError | undefined;
  let onDisconnect: (event: CloseEvent) => void = () => {};
  const refused = new Promise<never>((_, reject) => {
    onDisconnect = (event) => {
      if (!FATAL_CLOSE_CODES.has(event.code)) return;
      fatal = new DiscordGatewayError(event.code);
      reject(fatal);
    };
  });
  refused.catch(() => {});
  client.on(Events.ShardDisconnect, onDisconnect);
  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  try {
    await Promise.race([client.login(token), refused]);
    const [readyClient] = await Promise.race([ready, refused]);
    return readyClient;
  } catch (error) {
    await client.destroy().catch(() => {});
    // A fatal close shows up as a disconnect event and as a login rejection; the first says more.
    if (fatal) throw fatal;
    if (error instanceof MullError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new MullError(ErrorCode.Adapter, `could not connect to Discord: ${message}`, { cause: error });
  } finally {
    client.off(Events.ShardDisconnect, onDisconnect);
  }
}

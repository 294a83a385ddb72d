import type { Client } from 'discord.js';
import type { Engine } from '../../core/engine.js';
import type { Logger } from '../../core/logger.js';
import type { Store } from '../../store/store.js';
import type { RecentInteractions } from './dedup.js';
import type { ResolvedDiscordOptions } from './options.js';

/**
 * The Store methods the adapter uses: de-duplication, backfill cursors, and two reads (a cited
 * message's thread, for its link; a deleted thread's messages, to purge them). Any Store fits.
 */
export type DiscordStore = Pick<Store, 'setIfAbsent' | 'getState' | 'setState' | 'getMessage' | 'readMessages'>;

export interface DiscordDeps {
  engine: Engine;
  store: DiscordStore;
  logger: Logger;
}

/** What every handler gets. */
export interface DiscordContext extends DiscordDeps {
  client: Client<true>;
  options: ResolvedDiscordOptions;
  /** Slash commands already taken, checked without I/O (see dedup.ts). */
  interactions: RecentInteractions;
}

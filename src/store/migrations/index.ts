import type { Migration, MigrationProvider } from 'kysely';
import type { Engine } from '../database.js';
import { tablesMigration } from './0001-tables.js';
import { searchMigration } from './0002-search.js';
import { questionVectorsMigration } from './0003-question-vectors.js';
import { channelRemovalMigration } from './0004-channel-removal.js';

/**
 * Every migration, by name; Kysely's Migrator runs them in name order. Add new ones at the end
 * with the next number; never edit one that has shipped.
 */
export function migrations(engine: Engine): Record<string, Migration> {
  return {
    '0001-tables': tablesMigration(engine),
    '0002-search': searchMigration(engine),
    '0003-question-vectors': questionVectorsMigration,
    '0004-channel-removal': channelRemovalMigration,
  };
}

/** The list as Kysely's Migrator wants it (no files read at run time: the build carries them). */
export function migrationProvider(engine: Engine): MigrationProvider {
  return { getMigrations: async () => migrations(engine) };
}

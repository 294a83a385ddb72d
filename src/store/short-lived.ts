import type { Kysely } from 'kysely';
import type { Database } from './database.js';
import type { WriteQueue } from './write-queue.js';

/**
 * Keys that expire: event de-duplication marks and locks. In Redis when MULL_REDIS_URL is set
 * (short-lived-redis.ts), else in the database's `short_lived` table (this file). Keys arrive
 * prefixed by family (`once/…`, `lock/…`).
 */
export interface ShortLivedKeys {
  /** Sets `key` only when absent or expired; true when this call set it. Atomic across processes. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it holds `value` (a lock's token). */
  deleteIfValue(key: string, value: string): Promise<void>;
  /** Drops expired keys (Redis expires them itself). */
  sweep(now: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The SQL version: one upsert whose update applies only over an expired row; RETURNING yields a
 * row only when this statement wrote, and the database runs it atomically under its row/write
 * lock, so exactly one of any number of concurrent callers wins.
 */
export class SqlShortLivedKeys implements ShortLivedKeys {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const row = await this.writes(() => this.db
      .insertInto('short_lived')
      .values({ key, value, expires_at: now + ttlMs })
      .onConflict((c) =>
        c
          .column('key')
          .doUpdateSet({ value, expires_at: now + ttlMs })
          .where('short_lived.expires_at', '<=', now),
      )
      .returning('key')
      .executeTakeFirst());
    return row !== undefined;
  }

  async deleteIfValue(key: string, value: string): Promise<void> {
    await this.writes(() => this.db.deleteFrom('short_lived').where('key', '=', key).where('value', '=', value).execute());
  }

  async sweep(now: number): Promise<void> {
    await this.writes(() => this.db.deleteFrom('short_lived').where('expires_at', '<=', now).execute());
  }

  /** The database is closed by its owner. */
  async close(): Promise<void> {}
}

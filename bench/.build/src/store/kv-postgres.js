import { createRequire } from 'node:module';
import KeyvPostgres from '@keyv/postgres';
import { StoreError } from '../core/errors.js';
import { describeError, KeyvKeyValueStore } from './keyv-kv.js';
import { encodeEnvelope } from './kv.js';
/** Our own table, so a database shared with other keyv users never mixes rows. */
const TABLE = 'mull_kv';
const QUALIFIED_TABLE = `public.${TABLE}`;
/** Longest key the table accepts; keys are namespace + channel key + a short suffix. */
const KEY_SIZE = 1024;
/** How long the first connection may take before openStore gives up. @unit milliseconds */
const CONNECT_TIMEOUT_MS = 5_000;
/** pg is a CommonJS dependency of @keyv/postgres; loaded by require so the narrow type above applies. */
export function loadPg() {
    return createRequire(import.meta.url)('pg');
}
/**
 * @keyv/postgres 2 keeps ONE module-wide pg pool keyed by URI: a second adapter on another URI
 * replaces it without ending it, and disconnect() on any adapter ends the shared pool under the
 * others' feet. Each store gets its own pool here instead. The base constructor calls connect()
 * before subclass fields exist, so the pool travels in the options.
 */
class PostgresAdapter extends KeyvPostgres {
    get pool() {
        return this.opts.mullPool;
    }
    async connect() {
        const pool = this.pool;
        return async (sql, values) => (await pool.query(sql, values)).rows;
    }
    async disconnect() {
        await this.pool.end();
    }
}
export class PostgresKeyValueStore extends KeyvKeyValueStore {
    backend = 'postgres';
    adapter;
    constructor(adapter, namespace) {
        super(adapter, namespace);
        this.adapter = adapter;
    }
    async setIfAbsentRaw(rawKey, value, ttlMs) {
        const now = Date.now();
        // One statement: insert, or take over a row whose envelope has expired. Concurrent inserts of
        // the same key wait on each other, and the loser re-checks the WHERE against the winner's row,
        // so exactly one caller gets a RETURNING row. No `expires` means never expires (NULL < x).
        const rows = await this.adapter.query(`INSERT INTO ${QUALIFIED_TABLE} AS kv (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
       WHERE (kv.value::jsonb ->> 'expires')::double precision < $3
       RETURNING key`, [rawKey, encodeEnvelope(value, now + ttlMs), now]);
        return rows.length > 0;
    }
    async deleteIfValueRaw(rawKey, value) {
        const rows = await this.adapter.query(`DELETE FROM ${QUALIFIED_TABLE} WHERE key = $1 AND (value::jsonb ->> 'value') = $2 RETURNING key`, [rawKey, value]);
        return rows.length > 0;
    }
    async purgeExpired(now) {
        await this.adapter.query(`DELETE FROM ${QUALIFIED_TABLE}
       WHERE left(key, $1) = $2 AND (value::jsonb ->> 'expires')::double precision < $3`, [this.keyPrefix.length, this.keyPrefix, now]);
    }
    async closeBackend() {
        await this.keyv.disconnect();
    }
    /** Waits for the adapter's CREATE TABLE and proves the table is usable. */
    async checkTable() {
        await this.run('checkTable', () => this.adapter.query(`SELECT 1 FROM ${QUALIFIED_TABLE} LIMIT 0`));
    }
}
/** Connects to PostgreSQL at `url`; `where` names the server for messages (never the credentials). */
export async function openPostgresKv(url, namespace, where) {
    const { Pool } = loadPg();
    const pool = new Pool({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    // An idle pooled connection that the server closes (restart, idle timeout) emits 'error' on
    // the pool; unhandled, it would crash the process. The pool replaces the connection, and the
    // next query reports a lasting outage to its caller.
    pool.on('error', () => undefined);
    try {
        await pool.query('SELECT 1');
    }
    catch (error) {
        await pool.end().catch(() => undefined);
        throw new StoreError(`cannot reach PostgreSQL at ${where}: ${describeError(error)}`, { cause: error });
    }
    const adapter = new PostgresAdapter({ uri: url, table: TABLE, keySize: KEY_SIZE, mullPool: pool });
    const store = new PostgresKeyValueStore(adapter, namespace);
    try {
        await store.checkTable();
    }
    catch (error) {
        await store.close().catch(() => undefined);
        throw new StoreError(`cannot use table ${QUALIFIED_TABLE} at ${where}: ${describeError(error)}`, {
            cause: error,
        });
    }
    return store;
}

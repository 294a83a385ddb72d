/**
 * The daily sleep-token budget shared by every worker, kept in Redis. A pass reserves tokens
 * before it starts and settles what it really spent when it ends; the check and the reservation
 * are one Lua script, which Redis runs alone, so N workers racing at the end of the day cannot
 * together reserve more than what is left. (A check-then-spend on the ledger lets every worker
 * see the same "room left" and all start.)
 *
 * What is used today = max(the ledger's sleep tokens, what passes settled here) + what running
 * passes hold. The ledger is the truth across restarts; the settled counter covers the moment
 * between a pass's last model call and its ledger write being read back.
 */
import type { Redis } from 'ioredis';
import { startOfDay } from '../sleep/daily-budget.js';

/**
 * KEYS: settled counter, reservations hash. ARGV: limit, ledger tokens today, reservation id,
 * amount, ttl ms. Returns {granted (0/1), used before this reservation}.
 */
const RESERVE = `
local settled = tonumber(redis.call('GET', KEYS[1]) or '0')
local used = math.max(settled, tonumber(ARGV[2]))
local held = redis.call('HVALS', KEYS[2])
for _, v in ipairs(held) do used = used + tonumber(v) end
local limit = tonumber(ARGV[1])
local amount = tonumber(ARGV[4])
if used + amount > limit then return {0, used} end
redis.call('HINCRBY', KEYS[2], ARGV[3], amount)
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return {1, used}`;

/** KEYS: settled counter, reservations hash. ARGV: reservation id, tokens spent, ttl ms. */
const SETTLE = `
redis.call('HDEL', KEYS[2], ARGV[1])
local total = redis.call('INCRBY', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return total`;

/** Keys live two days: long enough for any pass to settle into the day it reserved from. */
const KEY_TTL_MS = 2 * 86_400_000;

export interface SharedBudgetOptions {
  redis: Redis;
  /** Key prefix (the queue's prefix), so tests and deployments never share counters. */
  prefix: string;
  /** Sleep tokens per day; null: unlimited. */
  limit: number | null;
  timezone: string;
  /** Sleep tokens in the ledger since a time. */
  sleepTokensSince: (dayStartMs: number) => Promise<number>;
  now?: () => number;
}

/** A reservation held by one running pass. */
export interface Reservation {
  readonly granted: boolean;
  /** Tokens held. */
  readonly amount: number;
  /** Takes more for the same pass (a long backlog's next chunk); false when there is no room. */
  extend(amount: number): Promise<boolean>;
  /** Releases what is held and counts what the pass really spent. */
  settle(spent: number): Promise<void>;
}

export class SharedBudget {
  readonly #options: SharedBudgetOptions;
  readonly #now: () => number;

  constructor(options: SharedBudgetOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now());
  }

  get limit(): number | null {
    return this.#options.limit;
  }

  /** Reserves `amount` tokens of today's budget for the pass `id`. */
  async reserve(id: string, amount: number): Promise<Reservation> {
    const { limit, redis } = this.#options;
    const dayStart = startOfDay(this.#now(), this.#options.timezone);
    const [settledKey, heldKey] = this.#keys(dayStart);
    let held = 0;
    const take = async (more: number): Promise<boolean> => {
      if (limit === null) return true;
      const ledger = await this.#options.sleepTokensSince(dayStart);
      const [granted] = (await redis.eval(RESERVE, 2, settledKey, heldKey, limit, ledger, id, more, KEY_TTL_MS)) as [number, number];
      if (granted === 1) held += more;
      return granted === 1;
    };
    const granted = await take(amount);
    return {
      granted,
      get amount() {
        return held;
      },
      extend: take,
      settle: async (spent: number) => {
        if (limit === null) return;
        await redis.eval(SETTLE, 2, settledKey, heldKey, id, Math.max(0, Math.round(spent)), KEY_TTL_MS);
      },
    };
  }

  #keys(dayStart: number): [string, string] {
    const base = `${this.#options.prefix}:budget:${dayStart}`;
    return [`${base}:settled`, `${base}:held`];
  }
}

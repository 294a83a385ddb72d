/**
 * The requests waiting for a channel's next pass, kept in a Redis list beside the queue.
 *
 * BullMQ's deduplication folds a trigger into the job already waiting (or, with
 * `keepLastIfActive`, into one follow-up created when the running job finishes), but keeps only
 * one job's data. Every trigger carries something worth keeping (a `/rethink` topic, who is
 * waiting for the report), so each one is pushed here with a ticket, and the job that starts next
 * takes the whole list in one MULTI: every trigger is served by exactly one pass, which returns
 * the tickets it served so the waiting callers can be answered.
 */
import type { Redis } from 'ioredis';
import type { ChannelKey } from '../core/ids.js';
import { mergeRequests, type PassRequest } from '../sleep/single-flight.js';

export interface TicketedRequest extends PassRequest {
  /** Who is waiting for this pass's report (a random id per trigger). */
  ticket: string;
}

/** Longest a request waits for a pass before Redis forgets it (no worker running). @unit ms */
const REQUESTS_TTL_MS = 7 * 86_400_000;

export class PassRequests {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async push(channel: ChannelKey, request: TicketedRequest): Promise<void> {
    const key = this.#key(channel);
    await this.redis.multi().rpush(key, JSON.stringify(request)).pexpire(key, REQUESTS_TTL_MS).exec();
  }

  /** Takes every request waiting for the channel, atomically. */
  async drain(channel: ChannelKey): Promise<TicketedRequest[]> {
    const key = this.#key(channel);
    const replies = await this.redis.multi().lrange(key, 0, -1).del(key).exec();
    const [error, raw] = replies?.[0] ?? [null, []];
    if (error) throw error;
    return (raw as string[]).flatMap((line) => {
      try {
        return [JSON.parse(line) as TicketedRequest];
      } catch {
        return [];
      }
    });
  }

  #key(channel: ChannelKey): string {
    return `${this.prefix}:requests:${channel}`;
  }
}

/** One request for a pass serving all of these, or undefined when there are none. */
export function mergeAll(requests: readonly PassRequest[]): PassRequest | undefined {
  if (requests.length === 0) return undefined;
  return requests.slice(1).reduce<PassRequest>(
    (merged, next) => mergeRequests(merged, next),
    { reason: requests[0]!.reason, ...(requests[0]!.topic ? { topic: requests[0]!.topic } : {}) },
  );
}

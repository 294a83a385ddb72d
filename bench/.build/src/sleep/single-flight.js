import { silentLogger } from '../core/logger.js';
import { SkipReason, skippedReport } from './pass-outcomes.js';
export const DefaultPassQueueOptions = {
    lockTtlMs: 30 * 60_000,
    /** Topics beyond this are dropped from a follow-up: each one lengthens the sleep prompt. */
    maxTopics: 8,
};
/** The lock key for a channel's pass; ids carry their platform, so keys never collide. */
export function passLockKey(channel) {
    return `mull:pass:${channel}`;
}
/**
 * The request a follow-up runs with, given what it had and a trigger that joined it. A person
 * waiting on `/rethink` outranks the quiet timer, which outranks the nightly sweep, so the merged
 * reason is the most urgent one; topics are all kept (deduplicated, in the order asked) because
 * each came from someone who is waiting for the answer.
 */
export function mergeRequests(current, joining) {
    const reason = URGENCY[joining.reason] > URGENCY[current.reason] ? joining.reason : current.reason;
    const topics = mergeTopics(splitTopics(current.topic), splitTopics(joining.topic));
    return topics.length > 0 ? { reason, topic: topics.join(TOPIC_SEPARATOR) } : { reason };
}
const URGENCY = { nightly: 0, quiet: 1, rethink: 2 };
const TOPIC_SEPARATOR = '; ';
function splitTopics(topic) {
    return (topic ?? '').split(TOPIC_SEPARATOR).map((t) => t.trim()).filter((t) => t.length > 0);
}
function mergeTopics(current, joining) {
    const seen = new Set(current.map((t) => t.toLowerCase()));
    const merged = [...current];
    for (const topic of joining) {
        if (merged.length >= DefaultPassQueueOptions.maxTopics)
            break;
        if (seen.has(topic.toLowerCase()))
            continue;
        seen.add(topic.toLowerCase());
        merged.push(topic);
    }
    return merged;
}
/**
 * Runs passes one at a time per channel, with at most one queued behind the running one.
 * Different channels run in parallel: the queue bounds duplication, not throughput.
 */
export class PassQueue {
    #runPass;
    #lock;
    #lockTtlMs;
    #logger;
    #skipped;
    #lanes = new Map();
    constructor(runPass, ...[options]) {
        const opts = options ?? {};
        this.#runPass = runPass;
        this.#lock = opts.lock;
        this.#lockTtlMs = opts.lockTtlMs ?? DefaultPassQueueOptions.lockTtlMs;
        this.#logger = opts.logger ?? silentLogger;
        // Sound: QueueOptionsArg makes `skipped` required unless a PassReport is assignable to R.
        this.#skipped = opts.skipped ?? skippedReport;
    }
    /**
     * Runs a pass for the channel now, or queues one behind the running pass, or joins the one
     * already queued (merging its request). Resolves with the result of the pass that served this
     * trigger; rejects if that pass (or taking the lock) threw.
     */
    run(channel, request) {
        const lane = this.#lanes.get(channel);
        if (!lane)
            return this.#startLane(channel, request);
        if (lane.next) {
            lane.next.request = mergeRequests(lane.next.request, request);
            this.#logger.debug({ channel, reason: request.reason }, 'sleep pass: trigger joined the queued follow-up');
            return lane.next.promise;
        }
        lane.next = deferred(request);
        this.#logger.debug({ channel, reason: request.reason }, 'sleep pass: follow-up queued behind the running pass');
        return lane.next.promise;
    }
    /** True while a pass for the channel runs (or waits for its lock) in this process. */
    isRunning(channel) {
        return this.#lanes.has(channel);
    }
    /** Resolves once no pass runs or is queued, for a graceful shutdown. Never rejects. */
    async idle() {
        // A settling pass can start its follow-up, so look again until every lane has drained.
        while (this.#lanes.size > 0) {
            const pending = [...this.#lanes.values()].flatMap((lane) => [lane.current, lane.next?.promise ?? lane.current]);
            await Promise.allSettled(pending);
        }
    }
    #startLane(channel, request) {
        const lane = { current: this.#execute(channel, request) };
        this.#lanes.set(channel, lane);
        const afterSettle = () => {
            const next = lane.next;
            // Synchronous from here on, so no trigger can slip in between the check and the delete.
            if (!next) {
                this.#lanes.delete(channel);
                return;
            }
            lane.next = undefined;
            lane.current = this.#execute(channel, next.request);
            lane.current.then(next.resolve, next.reject);
            lane.current.then(afterSettle, afterSettle);
        };
        lane.current.then(afterSettle, afterSettle);
        return lane.current;
    }
    async #execute(channel, request) {
        const lock = this.#lock;
        if (!lock)
            return this.#runPass(channel, request);
        const key = passLockKey(channel);
        // If the store cannot be reached this throws: running without the lock could double-spend.
        const token = await lock.acquireLock(key, this.#lockTtlMs);
        if (token === null) {
            this.#logger.info({ channel, reason: request.reason }, 'sleep pass: skipped, another instance holds the lock');
            return this.#skipped(channel, SkipReason.Busy);
        }
        try {
            return await this.#runPass(channel, request);
        }
        finally {
            try {
                await lock.releaseLock(key, token);
            }
            catch (error) {
                // The pass itself is done; the lock expires on its own after lockTtlMs.
                this.#logger.warn({ channel, err: error }, 'sleep pass: could not release the lock');
            }
        }
    }
}
function deferred(request) {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { request, promise, resolve, reject };
}

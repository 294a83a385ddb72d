/**
 * Work that outlives the request that started it: a /rethink pass after its 3-second ack, a
 * backfill after a join. Tracked so `stop()` can let it finish instead of cutting it off, and so a
 * failure is logged instead of becoming an unhandled rejection.
 */
export class BackgroundTasks {
    #running = new Set();
    #logger;
    constructor(logger) {
        this.#logger = logger;
    }
    /** Starts `work` in the background; the returned promise settles with it and never rejects. */
    run(name, work) {
        const task = work()
            .catch((error) => this.#logger.error({ err: error, task: name }, 'slack background task failed'))
            .finally(() => this.#running.delete(task));
        this.#running.add(task);
        return task;
    }
    /** Resolves once every task started so far (and any they start) has settled. */
    async idle() {
        while (this.#running.size > 0)
            await Promise.allSettled([...this.#running]);
    }
}

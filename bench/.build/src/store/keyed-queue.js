/**
 * Runs tasks one at a time per key, in call order, in this process. Writes to one channel go
 * through here so that two concurrent appends never read the same chunk and overwrite each
 * other's message; tasks for different keys run in parallel.
 */
export class KeyedQueue {
    tails = new Map();
    run(key, task) {
        // Tails never reject (see below), so a failed task does not poison the queue.
        const previous = this.tails.get(key) ?? Promise.resolve();
        const result = previous.then(task);
        const tail = result.then(() => undefined, () => undefined);
        this.tails.set(key, tail);
        // Forget idle keys, or a long-running bot would keep one entry per channel ever written.
        void tail.then(() => {
            if (this.tails.get(key) === tail)
                this.tails.delete(key);
        });
        return result;
    }
    /** Resolves once every task queued so far has settled. */
    async drain() {
        while (this.tails.size > 0)
            await Promise.all(this.tails.values());
    }
}

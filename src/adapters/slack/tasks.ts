import type { Logger } from '../../core/logger.js';

/**
 * Work that outlives the request that started it: a /rethink pass after its 3-second ack, a
 * backfill after a join. Tracked so `stop()` can let it finish instead of cutting it off, and so a
 * failure is logged instead of becoming an unhandled rejection.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Starts `work` in the background; the returned promise settles with it and never rejects. */
  run(name: string, work: () => Promise<void>): Promise<void> {
    const task = work()
      .catch((error: unknown) => this.#logger.error({ err: error, task: name }, 'slack background task failed'))
      .finally(() => this.#running.delete(task));
    this.#running.add(task);
    return task;
  }

  /**
   * Resolves once every task started so far (and any they start) has settled: true; or when
   * `deadlineMs` passes first: false.
   */
  async idle(deadlineMs?: number): Promise<boolean> {
    const settled = (async () => {
      while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
      return true;
    })();
    if (deadlineMs === undefined) return settled;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

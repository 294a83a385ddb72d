/**
 * One queue of writes per SQLite file in this process.
 *
 * better-sqlite3 is synchronous: a statement that finds the file locked busy-waits (up to
 * busy_timeout) on the main thread. If two connections in one process share a file, the second
 * one's busy-wait would block the event loop that the first one's open transaction needs to
 * finish — a deadlock until the timeout. So writes from every store this process opened on a file
 * take turns here; other processes are kept apart by SQLite's own lock and busy_timeout.
 * (PostgreSQL connections wait without blocking the event loop and need no queue.)
 */
export type WriteQueue = <T>(work: () => Promise<T>) => Promise<T>;

const tails = new Map<string, Promise<unknown>>();

export function fileWriteQueue(file: string): WriteQueue {
  return <T>(work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(file) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(file, tail);
    // Forget the file once its queue is empty, so the map does not grow with every file opened.
    void tail.then(() => {
      if (tails.get(file) === tail) tails.delete(file);
    });
    return result;
  };
}

/** For databases no other connection in this process can open (memory://, PostgreSQL). */
export const noQueue: WriteQueue = (work) => work();

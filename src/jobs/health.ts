/**
 * `GET /healthz` for processes that run passes (the `worker` role has no platform port of its
 * own): the role, queue depth, running passes, and whether the store and Redis answer. 200 when
 * both answer, 503 otherwise, so an orchestrator restarts a worker cut off from its work.
 */
import { createServer, type Server } from 'node:http';
import type { MullRole } from '../config.js';
import type { QueueFigures } from './pass-queue.js';

export interface HealthSources {
  role: MullRole;
  /** Queue figures; rejects when Redis does not answer. */
  figures: () => Promise<QueueFigures>;
  /** Resolves when the store answers a small read. */
  pingStore: () => Promise<unknown>;
}

export interface HealthReport {
  ok: boolean;
  role: MullRole;
  queue: QueueFigures | null;
  store: boolean;
  /** null when there is no Redis (the in-process queue). */
  redis: boolean | null;
}

/** How long each check may take before it counts as not answering. @unit milliseconds */
const CHECK_TIMEOUT_MS = 2_000;

export async function checkHealth(sources: HealthSources): Promise<HealthReport> {
  const [queue, store] = await Promise.all([
    withTimeout(sources.figures()).catch(() => null),
    withTimeout(sources.pingStore()).then(() => true, () => false),
  ]);
  const inProcess = queue?.kind === 'in-process';
  const redis = inProcess ? null : queue !== null;
  return { ok: store && redis !== false, role: sources.role, queue, store, redis };
}

/** Serves `/healthz` on 127.0.0.1-or-all `host`:`port` (0: any free port); resolves with the server. */
export function serveHealth(sources: HealthSources, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    checkHealth(sources).then((report) => {
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(report));
    }, () => res.writeHead(500).end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

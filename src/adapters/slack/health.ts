import type { CustomRoute } from '@slack/bolt';

/**
 * What `/healthz` reports beyond "serving": given by the process (src/cli/start.ts) when it knows
 * more, e.g. the role, the shared queue's figures and whether the store and Redis answer.
 */
export type HealthCheck = () => Promise<{ ok: boolean }>;

/**
 * `GET /healthz` for load balancers in HTTP mode: 200 while the process serves requests (and,
 * with a check, while the store and Redis answer; 503 otherwise). It says nothing about Slack on
 * purpose: a balancer should not pull every instance when Slack's API is slow.
 */
export function healthRoute(check?: HealthCheck): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req, res) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (!check) return answer(200, { ok: true });
      check().then((report) => answer(report.ok ? 200 : 503, report), () => answer(503, { ok: false }));
    },
  };
}

/**
 * `GET /healthz` for load balancers in HTTP mode: 200 while the process serves requests. It says
 * nothing about Slack or the store on purpose: a balancer should not pull every instance when
 * Slack's API is slow.
 */
export const healthRoute = {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end('{"ok":true}');
    },
};

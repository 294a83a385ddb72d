import { createHmac } from 'node:crypto';
/**
 * Requests as Slack sends them to an HTTP-mode app: signed with the signing secret
 * (HMAC-SHA256 of `v0:{timestamp}:{body}`), events as JSON, slash commands form-encoded.
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export const BenchSigningSecret = 'bench-signing-secret';
async function send(url, body, contentType, headers = {}) {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', BenchSigningSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const started = performance.now();
    const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature, ...headers },
        body,
    });
    await res.arrayBuffer();
    return { status: res.status, ackMs: performance.now() - started };
}
/** An Events API delivery; `retryNum` marks a redelivery as Slack does (`X-Slack-Retry-Num`). */
export function deliverEvent(url, payload, retryNum) {
    const headers = retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return send(url, JSON.stringify(payload), 'application/json', headers);
}
export function deliverCommand(url, fields) {
    return send(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
}

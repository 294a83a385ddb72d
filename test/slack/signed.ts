import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'fake-signing-secret';

/** Slack's request signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}`, hex, prefixed `v0=`. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedResponse {
  status: number;
  text: string;
  json: unknown;
  /** Time to the response. @unit milliseconds */
  ms: number;
}

export interface SendOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

async function send(url: string, body: string, contentType: string, options: SendOptions): Promise<SignedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, ms };
}

/** An Events API delivery (JSON body). */
export function postEvent(url: string, payload: unknown, options: SendOptions = {}): Promise<SignedResponse> {
  return send(url, JSON.stringify(payload), 'application/json', options);
}

/** A slash command (form-encoded fields). */
export function postCommand(url: string, fields: Record<string, string>, options: SendOptions = {}): Promise<SignedResponse> {
  return send(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
}

/** An interaction (form-encoded `payload=<json>`). */
export function postInteraction(url: string, payload: unknown, options: SendOptions = {}): Promise<SignedResponse> {
  return send(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

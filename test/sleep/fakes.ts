/**
 * Fakes for the trigger tests, speaking the real interfaces: a pass that takes (fake) time and
 * records its calls, a lock with the Store's acquire/release semantics, and a logger whose lines
 * can be read back.
 */
import { pino } from 'pino';
import type { PassReport } from '../../src/core/engine.js';
import type { ChannelKey } from '../../src/core/ids.js';
import type { Logger } from '../../src/core/logger.js';
import type { PassLock, PassRequest } from '../../src/sleep/single-flight.js';

export interface PassCall {
  channel: ChannelKey;
  request: PassRequest;
  /** @unit epoch milliseconds (fake clock) */
  startedAt: number;
  finishedAt?: number;
}

export interface FakePass {
  run: (channel: ChannelKey, request: PassRequest) => Promise<PassReport>;
  calls: PassCall[];
  /** The most passes ever running at once for one channel; single flight keeps it at 1. */
  maxConcurrentPerChannel(): number;
  /** The most passes ever running at once across all channels. */
  maxConcurrent(): number;
}

/**
 * A sleep pass that takes `durationMs` on the (fake) clock and spends `tokens`. `fail` decides
 * per call whether it throws instead, like vercel/ai's mock model taking a function.
 */
export function fakePass(
  options: { durationMs?: number; tokens?: number; fail?: (call: PassCall, index: number) => boolean } = {},
): FakePass {
  const calls: PassCall[] = [];
  const running = new Map<ChannelKey, number>();
  let maxPerChannel = 0;
  let total = 0;
  let maxTotal = 0;
  return {
    calls,
    maxConcurrentPerChannel: () => maxPerChannel,
    maxConcurrent: () => maxTotal,
    async run(channel, request) {
      const call: PassCall = { channel, request: { ...request }, startedAt: Date.now() };
      const index = calls.push(call) - 1;
      running.set(channel, (running.get(channel) ?? 0) + 1);
      maxPerChannel = Math.max(maxPerChannel, running.get(channel) ?? 0);
      maxTotal = Math.max(maxTotal, ++total);
      try {
        await new Promise((resolve) => setTimeout(resolve, options.durationMs ?? 1_000));
        if (options.fail?.(call, index)) throw new Error(`model unavailable (${channel})`);
        return {
          channel,
          status: 'ok',
          newNotes: 1,
          changedNotes: 0,
          droppedNotes: 0,
          anticipated: 2,
          messagesRead: 3,
          tokens: options.tokens ?? 100,
          durationMs: options.durationMs ?? 1_000,
          highlights: [`pass #${index + 1}`],
        };
      } finally {
        call.finishedAt = Date.now();
        running.set(channel, (running.get(channel) ?? 1) - 1);
        total--;
      }
    },
  };
}

/** The Store's lock semantics in memory: one holder per key, expiring after ttl, token-checked release. */
export class MemoryLock implements PassLock {
  readonly #held = new Map<string, { token: string; expiresAt: number }>();
  #tokens = 0;
  acquired: string[] = [];
  released: string[] = [];

  async acquireLock(key: string, ttlMs: number): Promise<string | null> {
    const current = this.#held.get(key);
    if (current && current.expiresAt > Date.now()) return null;
    const token = `t${++this.#tokens}`;
    this.#held.set(key, { token, expiresAt: Date.now() + ttlMs });
    this.acquired.push(key);
    return token;
  }

  async releaseLock(key: string, token: string): Promise<void> {
    if (this.#held.get(key)?.token === token) this.#held.delete(key);
    this.released.push(key);
  }

  isHeld(key: string): boolean {
    const current = this.#held.get(key);
    return !!current && current.expiresAt > Date.now();
  }
}

export interface CapturedLogger {
  logger: Logger;
  lines: Array<{ level: number; msg: string; [field: string]: unknown }>;
  /** Lines at warn (40) or above whose message contains `text`. */
  problems(text: string): Array<{ level: number; msg: string; [field: string]: unknown }>;
}

export function captureLogger(): CapturedLogger {
  const lines: CapturedLogger['lines'] = [];
  // pino accepts any object with write(); this one is synchronous, so lines are readable at once.
  const sink = {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    },
  };
  const logger = pino({ level: 'debug', base: undefined }, sink);
  return {
    logger,
    lines,
    problems: (text) => lines.filter((l) => l.level >= 40 && l.msg.includes(text)),
  };
}

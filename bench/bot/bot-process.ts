import { ownPeakRssBytes } from '../own-peak-rss.js';
import { Writable } from 'node:stream';
import { startSlack } from '../../src/adapters/slack/index.js';
import { createLogger } from '../../src/core/logger.js';
import { openEngine } from '../engine.js';
import { BenchSigningSecret } from '../slack/signed.js';

/**
 * Mull as it runs in production, in its own process: the SQLite store, the engine, and the Slack
 * adapter in HTTP mode, pointed at the fake Slack and the fake model. The harness talks to it only
 * over HTTP (as Slack would) and over IPC for its log of answers and its memory figures.
 */
export interface BotConfig {
  storePath: string;
  modelUrl: string;
  slackApiUrl: string;
  botToken: string;
}

export type BotMessage =
  | { type: 'ready'; url: string }
  | { type: 'answered'; channel: string; path: string; latencyMs: number }
  | { type: 'problem'; msg: string; code?: string }
  | { type: 'stats'; maxRssBytes: number; sampledPeakRssBytes: number; rssBytes: number; heapUsedBytes: number }
  | { type: 'stopped' };

const reply = (message: BotMessage) => process.send?.(message);

/** Log lines the harness needs: each answer's path, and anything that went wrong. */
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'slack answered') reply({ type: 'answered', channel: entry.channel, path: entry.path, latencyMs: entry.latencyMs });
        else if (entry.level >= 40) reply({ type: 'problem', msg: `${String(entry.msg)}${entry.err ? `: ${typeof entry.err === 'string' ? entry.err : entry.err.message}` : ''}`, code: entry.code });
      } catch {
        // Not JSON: not ours to read.
      }
    }
    done();
  },
});

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 20);
sampler.unref();

async function start(config: BotConfig): Promise<void> {
  const logger = createLogger('info', sink);
  const bench = await openEngine(config.storePath, config.modelUrl, logger);
  const slack = await startSlack(
    { engine: bench.engine, store: bench.store, logger },
    { botToken: config.botToken, apiUrl: config.slackApiUrl, signingSecret: BenchSigningSecret, port: 0, host: '127.0.0.1', backfill: false },
  );
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'stats') {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      reply({
        type: 'stats',
        // Its own peak (VmHWM): getrusage's maxRSS would carry the benchmark parent's resident set.
        maxRssBytes: ownPeakRssBytes(),
        sampledPeakRssBytes: peakRss,
        rssBytes: process.memoryUsage.rss(),
        heapUsedBytes: process.memoryUsage().heapUsed,
      });
    } else if (message.type === 'stop') {
      await slack.stop();
      await bench.close();
      reply({ type: 'stopped' });
      process.disconnect?.();
    }
  });
  reply({ type: 'ready', url: slack.url ?? '' });
}

process.once('message', (message: { type: string; config: BotConfig }) => {
  if (message.type !== 'start') return;
  start(message.config).catch((error: unknown) => {
    reply({ type: 'problem', msg: `bot did not start: ${error instanceof Error ? error.stack : String(error)}` });
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));

import { Writable } from 'node:stream';
import { startSlack } from '../../src/adapters/slack/index.js';
import { createLogger } from '../../src/core/logger.js';
import { openEngine } from '../engine.js';
import { BenchSigningSecret } from '../slack/signed.js';
const reply = (message) => process.send?.(message);
/** Log lines the harness needs: each answer's path, and anything that went wrong. */
const sink = new Writable({
    write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) {
            if (!line)
                continue;
            try {
                const entry = JSON.parse(line);
                if (entry.msg === 'slack answered')
                    reply({ type: 'answered', channel: entry.channel, path: entry.path, latencyMs: entry.latencyMs });
                else if (entry.level >= 40)
                    reply({ type: 'problem', msg: `${String(entry.msg)}${entry.err ? `: ${typeof entry.err === 'string' ? entry.err : entry.err.message}` : ''}`, code: entry.code });
            }
            catch {
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
async function start(config) {
    const logger = createLogger('info', sink);
    const bench = await openEngine(config.storePath, config.modelUrl, logger);
    const slack = await startSlack({ engine: bench.engine, store: bench.store, logger }, { botToken: config.botToken, apiUrl: config.slackApiUrl, signingSecret: BenchSigningSecret, port: 0, host: '127.0.0.1', backfill: false });
    process.on('message', async (message) => {
        if (message.type === 'stats') {
            peakRss = Math.max(peakRss, process.memoryUsage.rss());
            reply({
                type: 'stats',
                // resourceUsage().maxRSS is in kilobytes (getrusage's ru_maxrss).
                maxRssBytes: process.resourceUsage().maxRSS * 1024,
                sampledPeakRssBytes: peakRss,
                rssBytes: process.memoryUsage.rss(),
                heapUsedBytes: process.memoryUsage().heapUsed,
            });
        }
        else if (message.type === 'stop') {
            await slack.stop();
            await bench.close();
            reply({ type: 'stopped' });
            process.disconnect?.();
        }
    });
    reply({ type: 'ready', url: slack.url ?? '' });
}
process.once('message', (message) => {
    if (message.type !== 'start')
        return;
    start(message.config).catch((error) => {
        reply({ type: 'problem', msg: `bot did not start: ${error instanceof Error ? error.stack : String(error)}` });
        process.exit(1);
    });
});
process.on('disconnect', () => process.exit(0));

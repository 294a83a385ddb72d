import { ask } from '../ask.js';
import { HostedModelLatency, ZeroLatency } from '../model/latency.js';
import { median, percentile, round } from '../stats.js';
export async function measureReplyLatency(model, scenario, options) {
    const questions = scenario.workspace.questions;
    const runs = [];
    await model.configure({ latency: HostedModelLatency });
    try {
        for (let rep = 0; rep < options.repetitions; rep++) {
            const samples = { cached: [], warm: [], coldFallback: [], sleepAll: [], baseline: [] };
            const timed = async (delayMs, run, record) => {
                await new Promise((resolve) => setTimeout(resolve, delayMs));
                const started = performance.now();
                const answer = await run();
                record(answer.path, performance.now() - started);
            };
            await Promise.all(questions.flatMap((q, i) => [
                timed(2 * i * options.intervalMs, () => ask(scenario.sleep.engine, q), (path, ms) => {
                    samples.sleepAll.push(ms);
                    if (path === 'cached')
                        samples.cached.push(ms);
                    else if (path === 'warm')
                        samples.warm.push(ms);
                    else
                        samples.coldFallback.push(ms);
                }),
                timed((2 * i + 1) * options.intervalMs, () => ask(scenario.baseline.engine, q), (_path, ms) => samples.baseline.push(ms)),
            ]));
            runs.push(samples);
        }
    }
    finally {
        await model.configure({ latency: ZeroLatency });
    }
    const group = (name) => ({
        n: runs.reduce((s, r) => s + r[name].length, 0),
        p50: round(median(runs.filter((r) => r[name].length).map((r) => percentile(r[name], 50))), 2),
        p95: round(median(runs.filter((r) => r[name].length).map((r) => percentile(r[name], 95))), 2),
    });
    const result = {
        size: scenario.workspace.size,
        seed: scenario.workspace.seed,
        repetitions: options.repetitions,
        intervalMs: options.intervalMs,
        cached: group('cached'),
        warm: group('warm'),
        coldFallback: group('coldFallback'),
        sleepAll: group('sleepAll'),
        baseline: group('baseline'),
    };
    return { ...result, cachedToBaselineP50: round(result.cached.p50 / result.baseline.p50, 5) };
}

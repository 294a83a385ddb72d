import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createEngine } from '../src/engine/create-engine.js';
import { createProvider } from '../src/llm/create-provider.js';
import { openStore } from '../src/store/open-store.js';
/**
 * The engine as the bench runs it: Mull's defaults (medium sleep effort, DefaultAnswerSettings),
 * the real OpenAI SDK against the fake model, and the embedded SQLite store. Only the schedules are
 * moved out of the way, so that nothing but the bench starts a pass.
 */
export const BenchEngineSettings = {
    sleep: {
        model: 'bench-sleep-model',
        effort: 'medium',
        // 03:00 on 29 February: node-cron has no "never", and the next one is in 2028.
        nightlyCron: '0 3 29 2 *',
        timezone: 'UTC',
        // A day: the bench ingests and asks for minutes at a time and must not trigger quiet passes.
        quietMinutes: 24 * 60,
        dailyTokenBudget: null,
    },
    answer: { model: 'bench-answer-model' },
};
export async function openEngine(path, modelUrl, logger) {
    await mkdir(dirname(path), { recursive: true });
    const store = await openStore(`sqlite://${path}`);
    // Two minutes: a cold answer under the hosted-model latency takes about 13 s.
    const provider = createProvider({ provider: 'openai', apiKey: 'sk-bench', baseURL: modelUrl, maxRetries: 0, timeoutMs: 120_000 });
    const engine = createEngine({ store, provider, logger, ...BenchEngineSettings });
    return {
        path,
        store,
        engine,
        async close() {
            await engine.stop();
            await store.close();
        },
    };
}

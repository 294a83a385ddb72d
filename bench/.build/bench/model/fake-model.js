import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
/** The harness's handle on the fake model process (model/server.ts). */
export class FakeModel {
    child;
    base;
    constructor(child, base) {
        this.child = child;
        this.base = base;
    }
    static async start() {
        const child = fork(fileURLToPath(new URL('./server.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        const port = await new Promise((resolve, reject) => {
            child.once('message', (message) => (message?.type === 'ready' ? resolve(message.port) : reject(new Error('fake model: bad hello'))));
            child.once('exit', (code) => reject(new Error(`fake model exited with ${code}`)));
        });
        const model = new FakeModel(child, `http://127.0.0.1:${port}`);
        process.once('exit', () => child.kill());
        return model;
    }
    /** Base URL for the OpenAI SDK (with `/v1`). */
    get url() {
        return `${this.base}/v1`;
    }
    async configure(options) {
        await this.post('/_bench/config', options);
    }
    async teach(facts, reset = false) {
        await this.post('/_bench/teach', { facts, reset });
    }
    /** Calls served since `from` (a count returned by `mark`). */
    async calls(from = 0) {
        const res = await fetch(`${this.base}/_bench/calls?from=${from}`);
        return (await res.json()).calls;
    }
    /** How many calls so far: pass it to `calls` to read the ones after it. */
    async mark() {
        const res = await fetch(`${this.base}/_bench/count`);
        return (await res.json()).count;
    }
    async close() {
        if (this.child.exitCode !== null)
            return;
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        this.child.kill();
        await exited;
    }
    async post(path, body) {
        const res = await fetch(`${this.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!res.ok)
            throw new Error(`fake model ${path}: HTTP ${res.status}`);
    }
}

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
/** The harness's handle on a bot process (bot/bot-process.ts). */
export class BotProcess {
    child;
    url;
    answered = [];
    problems = [];
    #waiting = [];
    constructor(child, url) {
        this.child = child;
        this.url = url;
    }
    static async start(config) {
        const child = fork(fileURLToPath(new URL('./bot-process.js', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        process.once('exit', () => child.kill());
        const url = await new Promise((resolve, reject) => {
            const onMessage = (message) => {
                if (message.type === 'ready')
                    resolve(message.url);
                if (message.type === 'problem')
                    reject(new Error(message.msg));
            };
            child.on('message', onMessage);
            child.once('exit', (code) => reject(new Error(`bot process exited with ${code}`)));
            child.send({ type: 'start', config });
        });
        const bot = new BotProcess(child, url);
        child.on('message', (message) => bot.#receive(message));
        return bot;
    }
    get eventsUrl() {
        return `${this.url}/slack/events`;
    }
    stats() {
        return this.#request({ type: 'stats' }, (m) => m.type === 'stats');
    }
    async stop() {
        if (this.child.exitCode !== null)
            return;
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        await this.#request({ type: 'stop' }, (m) => m.type === 'stopped');
        await exited;
    }
    #receive(message) {
        if (message.type === 'answered')
            this.answered.push(message);
        if (message.type === 'problem')
            this.problems.push(message.code ? `${message.code}: ${message.msg}` : message.msg);
        this.#waiting = this.#waiting.filter((wants) => !wants(message));
    }
    #request(message, match) {
        return new Promise((resolve) => {
            this.#waiting.push((m) => {
                if (!match(m))
                    return false;
                resolve(m);
                return true;
            });
            this.child.send(message);
        });
    }
}

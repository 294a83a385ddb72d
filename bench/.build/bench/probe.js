import { rm } from 'node:fs/promises';
import { askInTurn } from './ask.js';
import { FakeModel } from './model/fake-model.js';
import { closeScenario, prepareScenario } from './scenario.js';
const size = Number(process.argv[2] ?? 1000);
const model = await FakeModel.start();
const dir = `bench/.work/probe-${size}`;
await rm(dir, { recursive: true, force: true });
let t = performance.now();
const s = await prepareScenario(model, { size, seed: 42, parts: 10, dir });
console.log('setup', Math.round(performance.now() - t), s.passes, s.onboardingSleepTokens);
for (const [name, e] of [['sleep', s.sleep], ['baseline', s.baseline]]) {
    t = performance.now();
    const out = await askInTurn(e.engine, model, s.workspace.questions);
    console.log(name, Math.round(performance.now() - t));
    for (const o of out)
        console.log(o.question.phrasing.padEnd(12), o.path.padEnd(7), String(o.promptTokens).padStart(6), String(o.completionTokens).padStart(5), o.correct, o.wallMs.toFixed(1), o.question.text);
}
const learned = await s.sleep.store.getLearned(s.workspace.channels[0].channel.key);
console.log(learned?.notes.length, learned?.questions.map((q) => q.question));
await closeScenario(s);
await model.close();

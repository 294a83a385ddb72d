import { askInTurn } from '../ask.js';
import { mean, round } from '../stats.js';
import { designedAnticipatedShare } from '../workspace/questions.js';
export async function measureTestTimeTokens(model, scenario) {
    const questions = scenario.workspace.questions;
    const sleep = await askInTurn(scenario.sleep.engine, model, questions);
    const baseline = await askInTurn(scenario.baseline.engine, model, questions);
    const sleepSummary = summarize(sleep);
    const baselineSummary = summarize(baseline);
    return {
        size: scenario.workspace.size,
        seed: scenario.workspace.seed,
        questions: questions.length,
        designedAnticipatedShare: designedAnticipatedShare(questions),
        sleep: sleepSummary,
        baseline: baselineSummary,
        ratio: round(baselineSummary.meanTokens / sleepSummary.meanTokens, 2),
        onboardingSleepTokens: scenario.onboardingSleepTokens,
        passes: scenario.passes,
        perQuestion: questions.map((q, i) => ({
            text: q.text,
            phrasing: q.phrasing,
            sleepPath: sleep[i].path,
            sleepTokens: sleep[i].promptTokens + sleep[i].completionTokens,
            baselineTokens: baseline[i].promptTokens + baseline[i].completionTokens,
            sleepCorrect: sleep[i].correct,
            baselineCorrect: baseline[i].correct,
        })),
    };
}
export function summarize(outcomes) {
    const paths = { cached: 0, warm: 0, cold: 0, offline: 0 };
    for (const o of outcomes)
        paths[o.path]++;
    return {
        meanTokens: round(mean(outcomes.map((o) => o.promptTokens + o.completionTokens))),
        meanPromptTokens: round(mean(outcomes.map((o) => o.promptTokens))),
        meanCompletionTokens: round(mean(outcomes.map((o) => o.completionTokens))),
        meanCachedPromptTokens: round(mean(outcomes.map((o) => o.cachedTokens))),
        paths,
        cachedShare: round(paths.cached / outcomes.length, 3),
        accuracy: round(outcomes.filter((o) => o.correct).length / outcomes.length, 3),
        meanAskMs: round(mean(outcomes.map((o) => o.wallMs)), 2),
    };
}

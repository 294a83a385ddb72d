import type { GainFigures } from './gain.js';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const int = (v: number) => Math.round(v).toLocaleString('en');

/** The sleep-time gain of one history size: the curve's points, issue 9's figures, the amortized cost. */
export function gainMarkdown(g: GainFigures, judged: boolean): string[] {
  const lines: string[] = [];
  lines.push(`### ${int(g.messages)} messages (${int(g.chatterPerChannel)} chatter messages per channel, ${g.averageMessageTokens} tokens a message)${judged ? ': the bars are judged here' : ''}`, '');
  const h = g.headline;
  if (h) {
    lines.push(h.ratio !== null
      ? `At the baseline's best correctness (${pct(h.baselineBestShare)}, ${h.baselineLabel}: ${int(h.baselineTokens)} test-time tokens per question), ${h.mullLabel} is at ${pct(h.mullShare!)} with ${int(h.mullTokens!)}: **${h.ratio}x fewer**.`
      : `Mull's best correctness (${pct(h.mullBestShare)}) is below the baseline's best (${pct(h.baselineBestShare)}, ${h.baselineLabel}), so the bar's reading has no Mull point.`);
    if (h.atMullBest) lines.push(`Read at Mull's best correctness instead (${pct(h.atMullBest.share)}): ${h.atMullBest.mullLabel} ${int(h.atMullBest.mullTokens)} tokens, the baseline about ${int(h.atMullBest.baselineTokens)} (interpolated between its budgets): ${h.atMullBest.ratio}x.`);
    lines.push('');
  }
  lines.push('| Arm | Correct | Test-time tokens / question (prompt + completion) | cached | verified | warm | cold |', '|---|---|---|---|---|---|---|');
  for (const a of g.arms) lines.push(`| ${a.label} | ${a.correct}/${a.questions} (${pct(a.correctShare)}) | ${int(a.meanTestTokens)} (${int(a.meanPromptTokens)} + ${int(a.meanCompletionTokens)}) | ${a.paths.cached} | ${a.paths.verified} | ${a.paths.warm} | ${a.paths.cold} |`);
  lines.push('');
  lines.push('| Sleep effort | Wrong cached / cached | Stale served / questions on changed facts | Paraphrases from prepared work | Look-alikes correct | Check: prompt + completion tokens, ms | Warm: prompt + completion tokens, ms | Sleep-time tokens per channel: first read / steady pass |', '|---|---|---|---|---|---|---|---|');
  for (const a of g.arms.filter((x) => x.mull)) {
    const m = a.mull!;
    lines.push(`| ${a.effort} | ${m.cachedWrong}/${m.cached} | ${m.staleServed}/${m.changedQuestions} | ${m.paraphraseHits}/${m.paraphrases} (${pct(m.paraphraseHitRate)}) | ${m.lookalikesCorrect}/${m.lookalikes} | ${int(m.verified.meanPromptTokens)} + ${int(m.verified.meanCompletionTokens)}, ${m.verified.meanMs} ms (${m.verified.calls} checks) | ${int(m.warm.meanPromptTokens)} + ${int(m.warm.meanCompletionTokens)}, ${m.warm.meanMs} ms (${m.warm.calls}) | ${int(m.sleep.onboardingPerChannel)} / ${int(m.sleep.steadyPerChannel)} (${int(m.sleep.steadyPromptPerChannel)} + ${int(m.sleep.steadyCompletionPerChannel)}) |`);
  }
  lines.push('');
  if (g.amortized) {
    const a = g.amortized;
    lines.push(`Amortized cost per question, ${a.mullLabel} vs ${a.baselineLabel} (test-time token = ${a.testToSleepCost} sleep-time tokens; per channel a steady pass of ${int(a.steadyPerChannel)} tokens a day and the first read, ${int(a.onboardingPerChannel)} tokens, over ${a.horizonDays} days):`, '');
    lines.push('| Questions per channel per day | Mull | Baseline | Mull cheaper by |', '|---|---|---|---|');
    for (const p of a.points) lines.push(`| ${p.questionsPerChannel} | ${int(p.mullCost)} | ${int(p.baselineCost)} | ${p.advantage}x |`);
    lines.push('');
  }
  return lines;
}

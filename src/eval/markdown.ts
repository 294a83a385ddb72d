import type { EvalReport } from './report.js';

const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
const int = (v: number) => Math.round(v).toLocaleString('en');

/** The report as Markdown: bars, the curve's points, issue 9's figures, the assumptions. */
export function renderEvalMarkdown(report: EvalReport, svgName: string): string {
  const lines: string[] = [];
  lines.push(`# Mull eval: ${report.provider.name} (${report.provider.answerModel} answers, ${report.provider.sleepModel} passes)`);
  lines.push('');
  lines.push(`${report.date.slice(0, 19).replace('T', ' ')} UTC · dataset ${report.dataset.source}: ${report.dataset.channels} channels, ${int(report.dataset.messages)} messages, ${report.dataset.questions} questions (${Object.entries(report.dataset.byKind).map(([k, n]) => `${n} ${k}`).join(', ')}) · ${int(report.spentTokens)} tokens spent (estimate ${int(report.estimate.total)})${report.stopped ? ' · **stopped at --max-tokens: figures cover what ran**' : ''}`);
  lines.push('');
  lines.push(`![Correct answers vs test-time tokens; amortized cost](${svgName})`);
  lines.push('');
  lines.push('## Bars');
  lines.push('');
  lines.push('| # | What | Bar | Result | Met | Margin |');
  lines.push('|---|---|---|---|---|---|');
  for (const b of report.bars) lines.push(`| ${b.id} | ${b.what} | ${b.target} | ${b.actual} | ${b.met === null ? '? no figure' : b.met ? '✅ met' : '❌ missed'} | ${b.margin} |`);
  lines.push('');
  lines.push('## The curve');
  lines.push('');
  lines.push('| Arm | Correct | Test-time tokens / question | prompt | completion | cached | verified | warm | cold | offline |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const a of report.arms) {
    const judged = a.judgedShare !== undefined ? ` (judge ${pct(a.judgedShare)})` : '';
    lines.push(`| ${a.label} | ${a.correct}/${a.questions} (${pct(a.correctShare)})${judged} | ${int(a.meanTestTokens)} | ${int(a.meanPromptTokens)} | ${int(a.meanCompletionTokens)} | ${a.paths.cached} | ${a.paths.verified} | ${a.paths.warm} | ${a.paths.cold} | ${a.paths.offline} |`);
  }
  lines.push('');
  const mull = report.arms.filter((a) => a.mull);
  if (mull.length) {
    lines.push('## Precision, staleness, hit rate (issue 9), per sleep effort');
    lines.push('');
    lines.push('| Arm | Wrong cached / cached | Stale served | Paraphrases from prepared work | Look-alikes correct | Check prompt (tokens, ms) | Warm prompt (tokens, ms) | Pass: first read / steady, per channel |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const a of mull) {
      const m = a.mull!;
      lines.push(`| ${a.label} | ${m.cachedWrong}/${m.cached} | ${m.staleServed}/${m.changedQuestions} | ${m.paraphraseHits}/${m.paraphrases} (${pct(m.paraphraseHitRate)}) | ${m.lookalikesCorrect}/${m.lookalikes} | ${int(m.verified.meanPromptTokens)}, ${int(m.verified.meanMs)} (${m.verified.calls} calls) | ${int(m.warm.meanPromptTokens)}, ${int(m.warm.meanMs)} (${m.warm.calls} calls) | ${int(m.sleep.onboardingPerChannel)} / ${int(m.sleep.steadyPerChannel)} |`);
    }
    lines.push('');
  }
  if (report.amortized) {
    const a = report.amortized;
    lines.push(`## Amortized cost per question (${a.mullLabel} vs ${a.baselineLabel})`);
    lines.push('');
    lines.push('| Questions per channel per day | Mull | Baseline | Mull cheaper by |');
    lines.push('|---|---|---|---|');
    for (const p of a.points) lines.push(`| ${p.questionsPerChannel} | ${int(p.mullCost)} | ${int(p.baselineCost)} | ${p.advantage}x |`);
    lines.push('');
  }
  lines.push('## Assumptions');
  lines.push('');
  for (const line of report.assumptions) lines.push(`- ${line}`);
  lines.push('');
  return lines.join('\n');
}

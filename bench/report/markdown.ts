import { median, round } from '../stats.js';
import type { ResultsDocument } from './document.js';
import { WideScopeBar, type WideScopeMemory } from '../measures/wide-scope-memory.js';
import type { BadInputMemory } from '../measures/bad-input-memory.js';
import { gainMarkdown } from './gain-markdown.js';

/** bench/results/latest.md: the bars table first, then each measure's figures. */
export function renderMarkdown(doc: ResultsDocument): string {
  const { machine, aggregates: agg, measures: raw } = doc;
  const n = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '—');
  const lines: string[] = [
    `# Mull benchmark results (${doc.mode} suite)`,
    '',
    `${doc.date.slice(0, 16).replace('T', ' ')} UTC · ${machine.cpu}, ${machine.cores} cores, ${round(machine.memoryBytes / 2 ** 30, 1)} GiB, load average ${machine.loadAverage1m.start} at start, ${machine.loadAverage1m.end} at end · Node ${machine.node} · ${machine.os} · suite ran ${round(doc.durationSeconds / 60, 1)} min · Mull ${doc.source.commit.slice(0, 10)}${doc.source.srcChanged ? ' with uncommitted changes in src/' : ''}`,
    '',
    `Model: a fake OpenAI-compatible server (own process) counting the real prompts with ${String(doc.model.tokenizer)}; completions are budget-free (what the request needs, cut only at max_tokens). Latency model for reply latency: 0.2 ms per prompt token + 15 ms per completion token; zero for overhead and memory; a flat 300 ms for the load test.`,
    '',
    '## Bars',
    '',
    '| # | What | Bar | Result | Met | Margin |',
    '|---|---|---|---|---|---|',
    ...doc.bars.map((b) => `| ${b.id} | ${b.what} | ${b.target} | ${b.actual} | ${b.met === null ? '—' : b.met ? '✅ met' : '❌ not met'} | ${b.margin} |`),
    '',
    `${doc.bars.filter((b) => b.met).length} of ${doc.bars.length} bars met.`,
    '',
    '## 9-10. The sleep-time gain on held-out questions',
    '',
    '![Correct answers vs test-time tokens per question; amortized cost per question](sleep-gain.svg)',
    '',
    ...agg.gain.flatMap((g, i) => gainMarkdown(g, i === 0)),
    '## How it was measured',
    '',
    ...Object.entries(doc.method)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => `- **${k}**: ${String(v)}`),
    '',
    '## 1. Test-time tokens per question on the acme workspace (its ground-truth wordings, which the fake\'s acme passes anticipate: this exercises the paths and the scaling, it is not a figure of the gain)',
    '',
    '| Messages | Runs (seeds) | Sleep-time tokens/q | Baseline tokens/q | Ratio | Answered from cache (designed) | Sleep-time paths | Correct: sleep-time / baseline | One-off history read, tokens/channel |',
    '|---|---|---|---|---|---|---|---|---|',
    ...agg.tokensBySize.map(
      (s) =>
        `| ${n(s.size)} | ${s.seeds.join(', ')} | ${n(s.sleepTokens)} (${n(s.sleepPromptTokens)} + ${n(s.sleepCompletionTokens)}) | ${n(s.baselineTokens)} (${n(s.baselinePromptTokens)} + ${n(s.baselineCompletionTokens)}) | ${round(s.ratio, 2)}x | ${pct(s.cachedShare)} (${pct(s.designedAnticipatedShare)}) | ${Object.entries(s.sleepPaths).filter(([, c]) => c > 0).map(([p, c]) => `${p} ${c}`).join(', ')} | ${pct(s.sleepAccuracy)} / ${pct(s.baselineAccuracy)} | ${n(s.onboardingTokensPerChannel)} |`,
    ),
    '',
    ...agg.tokensBySize.map(
      (s) => `At ${n(s.size)} messages a warm answer's prompt is ${n(s.warmPromptTokens)} tokens, ${n(s.warmSystemTokens)} of them the system message (instructions and the learned context); a baseline answer's prompt is ${n(s.coldPromptTokens)} tokens.`,
    ),
    '',
    `Flatness (seed ${agg.flatness.seed}): ${agg.flatness.sleepTokens.map(n).join(' → ')} tokens per question across ${agg.flatness.sizes.map(n).join(' → ')} messages (${round(agg.flatness.maxOverMin, 2)}x).`,
    '',
  ];
  if (raw.latency) {
    const l = raw.latency;
    lines.push(
      `## 3. Reply latency, hosted-model latency model (${n(l.size)} messages, ${l.repetitions} repetitions)`,
      '',
      '| Path | Answers | p50 | p95 |',
      '|---|---|---|---|',
      ...([['Sleep-time, cached', l.cached], ['Sleep-time, verified', l.verified], ['Sleep-time, warm', l.warm], ['Sleep-time, cold fallback', l.coldFallback], ['Sleep-time, all', l.sleepAll], ['Baseline (cold)', l.baseline]] as const).map(
        ([name, g]) => `| ${name} | ${g.n} | ${ms(g.p50)} | ${ms(g.p95)} |`,
      ),
      '',
    );
  }
  if (raw.overhead) {
    const o = raw.overhead;
    lines.push(
      `## 4. Mull's own overhead, zero-latency model (${n(o.historyMessages)} messages, Slack HTTP path, bot in its own process, ${o.repetitions} runs; medians)`,
      '',
      '| Path | Answers | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|---|',
      ...([['Cached', o.cached], ['Warm (model compute subtracted)', o.warm], ['Warm (as measured)', o.warmRaw]] as const).map(
        ([name, s]) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`,
      ),
      '',
      `Delivered as Slack does for an app subscribed to channel messages (\`app_mention\` plus \`message\` for the same mention), ${o.asDelivered.mentions} anticipated questions took: ${Object.entries(o.asDelivered.paths).map(([p, c]) => `${p} ${c}`).join(', ')}.`,
      '',
    );
  }
  lines.push('## 5. Ingest', '', '| Slack export | Runs | Messages/s |', '|---|---|---|', ...raw.imports.map((i) => `| ${n(i.messages)} messages | ${i.repetitions} | ${n(i.messagesPerSecond)} |`), '');
  if (raw.live) lines.push(`Live ingest (\`engine.ingest\`, store of ${n(raw.live.historyMessages)} messages, ${raw.live.repetitions} runs of ${raw.live.messages} messages; medians): p50 ${ms(raw.live.latency.p50)}, p95 ${ms(raw.live.latency.p95)}, p99 ${ms(raw.live.latency.p99)}. Messages go to channels in proportion to their history; p50 by channel: ${raw.live.byChannel.map((c) => `#${c.channel} (${n(c.history)} messages) ${ms(c.p50)}`).join(', ')}.`, '');
  if (agg.incremental) {
    const { small, large } = agg.incremental;
    lines.push(
      '## 6. Incremental pass over 200 new messages',
      '',
      '| History | Model calls | Prompt tokens | Completion tokens |',
      '|---|---|---|---|',
      ...[small, large].map((p) => `| ${n(p.historyMessages)} | ${p.calls} | ${n(p.promptTokens)} | ${n(p.completionTokens)} |`),
      '',
    );
  }
  if (raw.memory) {
    const m = raw.memory;
    const mb = (v: number) => `${round(v / 1e6, 1)} MB`;
    lines.push(
      '## 7. Memory',
      '',
      `Bot process (store, engine, Slack adapter) over ${n(m.messages)} messages in ${m.channels} channels, a fresh process per run, each serving ${m.runs[0]?.answers ?? 0} answers and ${m.runs[0]?.liveMessages ?? 0} live messages: peak RSS ${mb(m.peakRssBytes)} (median of ${m.repetitions}; highest ${mb(m.highestPeakRssBytes)}), of which ${mb(m.startRssBytes)} right after start-up.`,
      '',
    );
  }
  if (raw.load) {
    const l = raw.load;
    const t = l.totals;
    lines.push(
      '## 8. Load through the Slack HTTP path',
      '',
      `${l.repetitions} runs of ${l.mentions} mentions across ${l.channels} channels in ${l.windowSeconds} s (each also delivered as a \`message\` event; every tenth \`app_mention\` redelivered with X-Slack-Retry-Num), model ${l.modelLatencyMs} ms per call. Over all runs: ${t.answeredExactlyOnce} of ${t.mentions} answered exactly once, ${t.duplicated} more than once, ${t.unanswered} unanswered, ${t.apologies} apologies.`,
      '',
      '| | p50 | p95 | p99 | max |',
      '|---|---|---|---|---|',
      `| Finished answer | ${ms(l.replyLatency.p50)} | ${ms(l.replyLatency.p95)} | ${ms(l.replyLatency.p99)} | ${ms(l.replyLatency.max)} |`,
      `| First visible reply (streamed draft or answer) | ${ms(l.firstReply.p50)} | ${ms(l.firstReply.p95)} | ${ms(l.firstReply.p99)} | ${ms(l.firstReply.max)} |`,
      `| Slash-command ack (${t.commands} commands, ${t.commandsFailed} failed) | ${ms(l.commandAck.p50)} | ${ms(l.commandAck.p95)} | ${ms(l.commandAck.p99)} | ${ms(l.commandAck.max)} |`,
      '',
      `Answer paths: ${l.runs.map((r, i) => `run ${i + 1}: ${Object.entries(r.paths).map(([p, c]) => `${p} ${c}`).join(', ')}`).join('; ')}.`,
      '',
    );
  }
  if (raw.bounds) lines.push(...boundsMarkdown(raw.bounds));
  if (raw.errors.length) lines.push('## Measures that failed', '', ...raw.errors.map((e) => `- ${e.phase}: ${e.message}`), '');
  lines.push('## Phases', '', '| Phase | Seconds |', '|---|---|', ...doc.phases.map((p) => `| ${p.name} | ${p.seconds} |`), '');
  return `${lines.join('\n')}\n`;
}

function ms(v: number): string {
  return Number.isFinite(v) ? `${round(v, 1)} ms` : '—';
}

function pct(v: number): string {
  return Number.isFinite(v) ? `${round(v * 100, 0)}%` : '—';
}

/** Issue 14 point 8: one row per bad input, with what shapes its figure. */
export function boundsMarkdown(b: BadInputMemory): string[] {
  const mb = (v: number | null) => (v === null ? '—' : `${round(v / 1e6, 1)} MB`);
  const mib = (v: number) => (v === 0 ? '—' : v < 2 ** 20 ? `${round(v / 1024, 1)} KiB` : `${round(v / 2 ** 20, 1)} MiB`);
  const cell = (v: string | null) => (v ?? '—').replaceAll('|', '\\|');
  return [
    `## 14. Bad inputs: peak memory of \`mull import\` (issue 14 point 8; file cap ${b.maxFileMb} MB${b.scale !== 1 ? `, inputs scaled by ${b.scale}` : ''})`,
    '',
    `${b.method}.`,
    '',
    '| # | Input | Largest file (unpacked) | Expected | Exit | First error line / summary | Messages stored | Peak RSS, median | Wall / CPU, median | Met |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...b.cases.map((c) => {
      const met = c.id === 'floor' ? 'reference' : c.outcomeMet && c.peakRssBytes !== null && c.peakRssBytes <= c.rssBarBytes ? '✅' : '❌';
      return `| ${c.id} | ${cell(c.input)} | ${mib(c.largestFileBytes)} | ${cell(c.expected)} | ${c.signal ?? c.exitCode} | ${cell(c.firstErrorLine ?? c.summaryLine)} | ${c.messagesStored.toLocaleString('en')}${c.longestStoredChars > 0 ? ` (longest ${c.longestStoredChars.toLocaleString('en')} chars)` : ''} | ${mb(c.peakRssBytes)}${c.repetitions > 1 ? ` (highest of ${c.repetitions}: ${mb(c.highestPeakRssBytes)})` : ''}; ${c.id === 'floor' ? 'no bar' : `bar ≤ ${mb(c.rssBarBytes)}`} | ${round(c.wallMs / 1000, 1)} s / ${c.cpuMs === null ? '—' : `${round(c.cpuMs / 1000, 1)} s`} | ${met}${c.outcomeProblem ? ` ${cell(c.outcomeProblem)}` : ''} |`;
    }),
    '',
    'What shapes each figure:',
    '',
    ...b.cases.map((c) => `- **${c.id}** (${c.name}): ${c.assumptions}.${c.id === 'floor' ? '' : ` Bar: ${c.rssBarReason}.`}`),
    '',
    ...wideScopeMarkdown(b.wideScope),
  ];
}

/** 14i: the question over every channel next to the same question over one. */
function wideScopeMarkdown(w: WideScopeMemory | undefined): string[] {
  if (!w) return [];
  const mb = (v: number | null) => (v === null ? '—' : `${round(v / 1e6, 1)} MB`);
  const o = w.options;
  return [
    '### 14i. A question over every channel (a DM in a big workspace)',
    '',
    `\`mull ask QUESTION\` (scope: every channel) and \`mull ask --channel NAME QUESTION\` (scope: one), no model (the offline answer), one child process per run, on one SQLite store of ${o.channels} channels, each passed over with ${o.questionsPerChannel} prepared questions carrying ${o.wordingsPerQuestion} vectors each (question, paraphrases, look-alikes) of ${o.dimensions} dimensions: ${mb(w.vectorBytes)} of vectors as float64, a ${mb(w.storeBytes)} file. The answer sits in channel ${Math.floor(o.channels / 2)}. Peak RSS = the process's own high-water mark (VmHWM), median of ${w.wide.length}.`,
    '',
    '| Scope | Peak RSS, median | Runs | Wall, median | Answered from the channel that knows |',
    '|---|---|---|---|---|',
    `| every channel (${o.channels}) | ${mb(w.widePeakRssBytes)} | ${w.wide.map((r) => mb(r.peakRssBytes)).join(', ')} | ${round(median(w.wide.map((r) => r.wallMs)) / 1000, 1)} s | ${w.wide.every((r) => r.answeredFromRightChannel) ? 'yes' : 'no'} |`,
    `| one channel | ${mb(w.onePeakRssBytes)} | ${w.one.map((r) => mb(r.peakRssBytes)).join(', ')} | ${round(median(w.one.map((r) => r.wallMs)) / 1000, 1)} s | ${w.one.every((r) => r.answeredFromRightChannel) ? 'yes' : 'no'} |`,
    '',
    `Answer (first run over every channel): ${w.answerExcerpt.replaceAll('|', '\\|')}`,
    '',
    `Bar: ${WideScopeBar.why}. Measured by hand on the code before the change (commit 146d0d2, the same store): 376 MB over every channel vs 143 MB over one (+233 MB, growing with the number of channels).`,
    '',
  ];
}

import type { AmortizedPoint, ArmFigures, Headline } from './figures.js';

/**
 * The paper's figure as one SVG, two panels. Left: correct answers against test-time tokens per
 * question, the baseline at each context budget and Mull at each sleep effort, with the headline
 * ratio read at equal correctness. Right: the amortized cost per question against questions per
 * channel. Plain SVG written by hand: two line charts do not justify a charting dependency.
 */
const W = 980;
const H = 440;
const Panel = { top: 60, bottom: 370, width: 400 };
const LeftX = 70;
const RightX = 550;

export function curveSvg(input: {
  figures: readonly ArmFigures[];
  headline: Headline | null;
  amortized: { points: AmortizedPoint[]; testToSleepCost: number; horizonDays: number } | null;
  caption: string;
}): string {
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(accuracyPanel(input.figures, input.headline));
  if (input.amortized) parts.push(costPanel(input.amortized));
  parts.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle" fill="#555">${escape(input.caption)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Tokens on a log axis; 0 (a cached answer) sits at the left edge. */
function tokenScale(max: number) {
  const lo = Math.log10(10);
  const hi = Math.log10(Math.max(100, max * 1.6));
  return (tokens: number) => LeftX + ((Math.log10(Math.max(10, tokens)) - lo) / (hi - lo)) * Panel.width;
}

function accuracyPanel(figures: readonly ArmFigures[], head: Headline | null): string {
  const out: string[] = [];
  const max = Math.max(100, ...figures.map((f) => f.meanTestTokens));
  const x = tokenScale(max);
  // From a round tenth below the lowest point to 100%: the points are what matters, not the zero.
  const floor = Math.max(0, Math.floor((Math.min(1, ...figures.map((f) => f.correctShare)) - 0.05) * 10) / 10);
  const y = (share: number) => Panel.bottom - ((share - floor) / (1 - floor)) * (Panel.bottom - Panel.top);
  out.push(`<text x="${LeftX}" y="24" font-size="14" font-weight="bold">Correct answers vs test-time tokens per question</text>`);
  out.push(axes(LeftX, 'test-time tokens per question (log)', 'correct answers'));
  const ticks = floor >= 0.5 ? [0, 1, 2, 3, 4, 5].map((i) => floor + (i * (1 - floor)) / 5) : [0, 0.25, 0.5, 0.75, 1];
  for (const share of ticks) {
    out.push(`<line x1="${LeftX}" x2="${LeftX + Panel.width}" y1="${y(share)}" y2="${y(share)}" stroke="#eee"/>`);
    out.push(`<text x="${LeftX - 6}" y="${y(share) + 4}" text-anchor="end">${Math.round(share * 100)}%</text>`);
  }
  for (let t = 10; t <= max * 1.6; t *= 10) out.push(`<text x="${x(t)}" y="${Panel.bottom + 16}" text-anchor="middle">${t.toLocaleString('en')}</text>`);
  const series = [
    { kind: 'baseline', color: '#c0392b', name: 'Baseline (raw history, context budget)' },
    { kind: 'mull', color: '#2471a3', name: 'Mull (sleep effort)' },
  ] as const;
  series.forEach((s, i) => {
    const points = figures.filter((f) => f.kind === s.kind).sort((a, b) => a.meanTestTokens - b.meanTestTokens);
    if (points.length > 1) out.push(`<path d="${points.map((p, j) => `${j ? 'L' : 'M'}${x(p.meanTestTokens).toFixed(1)},${y(p.correctShare).toFixed(1)}`).join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    // Points that fall on one spot (two efforts with the same figures) share one label.
    const spots = new Map<string, { p: ArmFigures; tags: string[] }>();
    for (const p of points) {
      const key = `${x(p.meanTestTokens).toFixed(0)},${y(p.correctShare).toFixed(0)}`;
      const tag = p.kind === 'baseline' ? `${Math.round((p.budget ?? 0) / 1000)}k` : (p.effort ?? '');
      const spot = spots.get(key);
      if (spot) spot.tags.push(tag);
      else spots.set(key, { p, tags: [tag] });
      out.push(`<circle cx="${x(p.meanTestTokens).toFixed(1)}" cy="${y(p.correctShare).toFixed(1)}" r="4" fill="${s.color}"><title>${escape(p.label)}: ${Math.round(p.correctShare * 1000) / 10}% correct, ${Math.round(p.meanTestTokens)} tokens</title></circle>`);
    }
    for (const { p, tags } of spots.values()) {
      const below = s.kind === 'mull' ? 16 : -8;
      out.push(`<text x="${x(p.meanTestTokens).toFixed(1)}" y="${(y(p.correctShare) + below).toFixed(1)}" text-anchor="middle" fill="${s.color}" font-size="10">${escape(tags.join(', '))}</text>`);
    }
    out.push(`<rect x="${LeftX + 10}" y="${Panel.bottom - 40 + i * 16}" width="10" height="10" fill="${s.color}"/><text x="${LeftX + 26}" y="${Panel.bottom - 31 + i * 16}">${escape(s.name)}</text>`);
  });
  if (head) {
    const words = head.ratio !== null
      ? `At the baseline's best (${Math.round(head.baselineBestShare * 100)}% correct): ${head.ratio}x fewer test-time tokens`
      : `Mull's best ${Math.round(head.mullBestShare * 100)}% is below the baseline's best ${Math.round(head.baselineBestShare * 100)}%`;
    out.push(`<text x="${LeftX}" y="44" fill="#333">${escape(words)}</text>`);
    out.push(`<line x1="${LeftX}" x2="${LeftX + Panel.width}" y1="${y(head.baselineBestShare)}" y2="${y(head.baselineBestShare)}" stroke="#999" stroke-dasharray="4 3"/>`);
  }
  return out.join('\n');
}

function costPanel(a: { points: AmortizedPoint[]; testToSleepCost: number; horizonDays: number }): string {
  const out: string[] = [];
  const qs = a.points.map((p) => p.questionsPerChannel);
  const costs = a.points.flatMap((p) => [p.mullCost, p.baselineCost]);
  const [qLo, qHi] = [Math.log10(Math.min(...qs)), Math.log10(Math.max(...qs))];
  const [cLo, cHi] = [Math.floor(Math.log10(Math.max(1, Math.min(...costs)))), Math.ceil(Math.log10(Math.max(10, ...costs)))];
  const x = (q: number) => RightX + ((Math.log10(q) - qLo) / Math.max(1e-9, qHi - qLo)) * Panel.width;
  const y = (c: number) => Panel.bottom - ((Math.log10(Math.max(1, c)) - cLo) / Math.max(1e-9, cHi - cLo)) * (Panel.bottom - Panel.top);
  out.push(`<text x="${RightX}" y="24" font-size="14" font-weight="bold">Amortized cost per question</text>`);
  out.push(`<text x="${RightX}" y="44" fill="#333">${escape(`test-time token = ${a.testToSleepCost} sleep-time tokens; first read over ${a.horizonDays} days`)}</text>`);
  out.push(axes(RightX, 'questions per channel per day (log)', 'cost, sleep-token units (log)'));
  for (let e = cLo; e <= cHi; e++) {
    out.push(`<line x1="${RightX}" x2="${RightX + Panel.width}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#eee"/>`);
    out.push(`<text x="${RightX - 6}" y="${y(10 ** e) + 4}" text-anchor="end">${(10 ** e).toLocaleString('en')}</text>`);
  }
  for (const q of qs) out.push(`<text x="${x(q)}" y="${Panel.bottom + 16}" text-anchor="middle">${q}</text>`);
  const lines = [
    { pick: (p: AmortizedPoint) => p.baselineCost, color: '#c0392b', name: 'Baseline' },
    { pick: (p: AmortizedPoint) => p.mullCost, color: '#2471a3', name: 'Mull (pass share + test time)' },
  ];
  lines.forEach((l, i) => {
    out.push(`<path d="${a.points.map((p, j) => `${j ? 'L' : 'M'}${x(p.questionsPerChannel).toFixed(1)},${y(l.pick(p)).toFixed(1)}`).join(' ')}" fill="none" stroke="${l.color}" stroke-width="2"/>`);
    for (const p of a.points) out.push(`<circle cx="${x(p.questionsPerChannel).toFixed(1)}" cy="${y(l.pick(p)).toFixed(1)}" r="3" fill="${l.color}"><title>${p.questionsPerChannel} questions: ${Math.round(l.pick(p))}</title></circle>`);
    out.push(`<rect x="${RightX + 10}" y="${Panel.bottom - 40 + i * 16}" width="10" height="10" fill="${l.color}"/><text x="${RightX + 26}" y="${Panel.bottom - 31 + i * 16}">${escape(l.name)}</text>`);
  });
  const at10 = a.points.find((p) => p.questionsPerChannel === 10);
  if (at10) out.push(`<text x="${x(10)}" y="${y(at10.mullCost) + 18}" text-anchor="middle" fill="#2471a3">${at10.advantage}x cheaper at 10</text>`);
  return out.join('\n');
}

function axes(left: number, xLabel: string, yLabel: string): string {
  return [
    `<line x1="${left}" x2="${left + Panel.width}" y1="${Panel.bottom}" y2="${Panel.bottom}" stroke="#333"/>`,
    `<line x1="${left}" x2="${left}" y1="${Panel.top}" y2="${Panel.bottom}" stroke="#333"/>`,
    `<text x="${left + Panel.width / 2}" y="${Panel.bottom + 34}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text x="${left - 50}" y="${(Panel.top + Panel.bottom) / 2}" text-anchor="middle" transform="rotate(-90 ${left - 50} ${(Panel.top + Panel.bottom) / 2})">${escape(yLabel)}</text>`,
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

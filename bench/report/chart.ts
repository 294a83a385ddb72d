import type { AmortizedPoint } from '../measures/amortized-cost.js';

/**
 * The README's chart, hand-written SVG: tokens per question (left) and cost per question with
 * the paper's cost model (right) against questions per channel between passes, sleep-time vs
 * baseline. Log-scaled x (1, 2, 5, 10, 20), linear y from zero.
 */
const W = 1000;
const H = 400;
const PANEL = { width: 400, height: 260, top: 70, left: [80, 580] as const };
const COLORS = { sleep: '#2f6fde', baseline: '#d9534f' } as const;

export function tokensAndCostChart(points: readonly AmortizedPoint[], caption: string): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">Sleep-time compute vs answering over raw history</text>`,
    `<text x="${W / 2}" y="44" text-anchor="middle" fill="#555">${escape(caption)}</text>`,
    panel(points, 0, 'Tokens per question', (p) => [p.sleepTokens, p.baselineTokens], 'tokens'),
    panel(points, 1, 'Cost per question (test token = 10 sleep tokens)', (p) => [p.sleepCost, p.baselineCost], 'sleep-token units'),
    legend(),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

function panel(points: readonly AmortizedPoint[], index: 0 | 1, title: string, pick: (p: AmortizedPoint) => [number, number], unit: string): string {
  const left = PANEL.left[index];
  const { top, width, height } = PANEL;
  const qs = points.map((p) => p.questionsPerChannel);
  const logMin = Math.log(Math.min(...qs));
  const logMax = Math.log(Math.max(...qs));
  const x = (q: number) => left + 20 + ((Math.log(q) - logMin) / (logMax - logMin || 1)) * (width - 40);
  const yMax = niceMax(Math.max(...points.flatMap(pick)));
  const y = (v: number) => top + height - (v / yMax) * height;
  const out: string[] = [`<text x="${left + width / 2}" y="${top - 12}" text-anchor="middle" font-weight="bold">${escape(title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    out.push(`<line x1="${left}" y1="${y(v)}" x2="${left + width}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" fill="#555">${format(v)}</text>`);
  }
  out.push(`<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="#333"/>`);
  out.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + height}" stroke="#333"/>`);
  for (const q of qs) out.push(`<text x="${x(q).toFixed(1)}" y="${top + height + 18}" text-anchor="middle">${q}</text>`);
  out.push(`<text x="${left + width / 2}" y="${top + height + 38}" text-anchor="middle" fill="#333">questions per channel between passes</text>`);
  out.push(`<text transform="translate(${left - 52} ${top + height / 2}) rotate(-90)" text-anchor="middle" fill="#333">${escape(unit)}</text>`);
  const series = (which: 0 | 1, color: string, dash: string) => {
    const coords = points.map((p) => [x(p.questionsPerChannel), y(pick(p)[which])] as const);
    const path = coords.map(([cx, cy], i) => `${i ? 'L' : 'M'}${cx.toFixed(1)},${cy.toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${color}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    for (const [i, [cx, cy]] of coords.entries()) {
      out.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="4" fill="${color}"/>`);
      const label = format(pick(points[i])[which]);
      out.push(`<text x="${cx.toFixed(1)}" y="${(cy + (which === 0 ? -9 : 16)).toFixed(1)}" text-anchor="middle" font-size="10" fill="${color}">${label}</text>`);
    }
  };
  series(1, COLORS.baseline, '6 4');
  series(0, COLORS.sleep, '');
  return out.join('\n');
}

function legend(): string {
  const y = H - 18;
  return [
    `<line x1="240" y1="${y}" x2="270" y2="${y}" stroke="${COLORS.sleep}" stroke-width="2.5"/>`,
    `<text x="276" y="${y + 4}">sleep-time (Mull: its share of a pass + cached/warm answers)</text>`,
    `<line x1="640" y1="${y}" x2="670" y2="${y}" stroke="${COLORS.baseline}" stroke-width="2.5" stroke-dasharray="6 4"/>`,
    `<text x="676" y="${y + 4}">baseline (cold path, no pass)</text>`,
  ].join('\n');
}

/** The top of the y axis: four gridlines at a round step, a little above the largest value. */
function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const rough = (value * 1.08) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= rough) return 4 * step * magnitude;
  return 40 * magnitude;
}

function format(v: number): string {
  if (v >= 10_000) return `${Math.round(v / 1000)}k`;
  if (v >= 1_000) return `${(v / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return String(Math.round(v));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

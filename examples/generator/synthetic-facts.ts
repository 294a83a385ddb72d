import { Calendar, shortDate } from './synthetic-calendar.js';
import { firstName } from './synthetic-cast.js';
import type { Prng } from './prng.js';

/**
 * The answers the generator plants, drawn from the seed, and the ground-truth questions that ask
 * for them. Benchmarks and tests score Mull's answers against these.
 */

export interface PlantedFact {
  id: string;
  kind: 'date' | 'owner' | 'number' | 'decision' | 'fact';
  /** The channel whose history states the answer (its name). */
  channel: string;
  /** True when that channel is private: the answer must not reach anyone outside it. */
  private: boolean;
  question: string;
  /** Every one of these (case-insensitive) appears in a correct answer. */
  expected: string[];
  /** An earlier answer that was superseded: an answer giving only these is out of date. */
  stale?: string[];
  /** Must not appear in any answer: the value was edited away or its message deleted. */
  forbidden?: string[];
  /** Messages that state the current answer: channel name and message id (Slack ts). */
  evidence: { channel: string; id: string }[];
  /** What a grader should know beyond the keywords. */
  note?: string;
}

/** Everything the seed decides about the team's plans, owners and numbers. */
export interface PlantedValues {
  version: string;
  /** The launch date first decided, then the date it slipped to. @unit epoch milliseconds */
  launchPlanned: number;
  launchActual: number;
  billingOwner: string;
  billingPrevious: string;
  /** Person keys in rotation order. */
  onCall: string[];
  /** Checkout API latencies. @unit milliseconds */
  p95: number;
  p95Mistyped: number;
  p95Before: number;
  p99: number;
  /** Prices. @unit US dollars per seat per month */
  proPrice: number;
  teamPrice: number;
  /** @unit thousands of US dollars per year */
  enterpriseFloorK: number;
  /** @unit thousands of US dollars */
  marketingBudgetK: number;
  eventsBudgetK: number;
  offsiteBudgetK: number;
  /** @unit business hours */
  slaEnterpriseHours: number;
  /** @unit hours */
  slaProHours: number;
  refundDays: number;
  /** @unit US dollars */
  refundApprovalAbove: number;
  /** @unit epoch milliseconds */
  incidentDay: number;
  /** @unit minutes */
  incidentMinutes: number;
  /** @unit epoch milliseconds */
  postgresDay: number;
  postgresOwner: string;
  /** "16:00" UTC on the first Thursday of each month. */
  allHandsTime: string;
}

/** Where each planted story sits on the timeline, as a fraction of it. */
export const StoryAt = {
  allHands: 0.04,
  onCall: 0.08,
  billingOwner: 0.12,
  marketingBudget: 0.18,
  supportSla: 0.22,
  launchPlanned: 0.28,
  pricing: 0.34,
  refunds: 0.4,
  latency: 0.46,
  offsite: 0.5,
  offsiteRetraction: 0.53,
  incidentAlert: 0.55,
  incidentPostmortem: 0.58,
  launchSlip: 0.64,
  postgres: 0.72,
} as const satisfies Record<string, number>;

export function drawValues(random: Prng, calendar: Calendar): PlantedValues {
  const billing = random.shuffle(['marcus', 'ravi']);
  const p95 = random.int(38, 52) * 10;
  const proPrice = random.pick([24, 29, 32, 39]);
  // The launch is planned a few weeks past the end of the history, then slips by a week.
  const launchPlanned = calendar.workday(calendar.days + random.int(8, 15));
  return {
    version: `v2.${random.int(2, 7)}`,
    launchPlanned,
    launchActual: launchPlanned + 7 * 86_400_000,
    billingOwner: billing[0],
    billingPrevious: billing[1],
    onCall: random.shuffle(['tom', 'marcus', 'ravi', 'jonas']),
    p95,
    p95Mistyped: p95 + random.int(4, 9) * 10,
    p95Before: p95 + random.int(20, 40) * 10,
    p99: p95 * 2 + random.int(1, 9) * 10,
    proPrice,
    teamPrice: proPrice - random.pick([8, 10, 12]),
    enterpriseFloorK: random.pick([12, 15, 18, 24]),
    marketingBudgetK: random.int(9, 16) * 10,
    eventsBudgetK: random.int(2, 4) * 10,
    offsiteBudgetK: random.int(31, 55),
    slaEnterpriseHours: random.pick([2, 4, 8]),
    slaProHours: random.pick([12, 24]),
    refundDays: random.pick([14, 30, 45]),
    refundApprovalAbove: random.pick([500, 1000, 2500]),
    incidentDay: calendar.workday(calendar.dayAt(StoryAt.incidentAlert)),
    incidentMinutes: random.int(20, 75),
    postgresDay: calendar.workday(calendar.dayAt(StoryAt.postgres) + random.int(3, 8)),
    postgresOwner: random.pick(['ravi', 'tom']),
    allHandsTime: random.pick(['15:00', '16:00', '17:00']),
  };
}

/** The ground-truth questions for the planted values; evidence is filled in by the timeline. */
export function plantedFacts(v: PlantedValues): PlantedFact[] {
  const fact = (f: Omit<PlantedFact, 'evidence' | 'private'> & { private?: boolean }): PlantedFact => ({
    private: false,
    ...f,
    evidence: [],
  });
  return [
    fact({ id: 'all-hands', kind: 'fact', channel: 'general', question: 'When is the all-hands?', expected: ['first Thursday', v.allHandsTime] }),
    fact({
      id: 'on-call-rotation',
      kind: 'fact',
      channel: 'eng-platform',
      question: "What's the on-call rotation?",
      expected: ['weekly', 'Monday', ...v.onCall.map(firstName)],
    }),
    fact({
      id: 'billing-owner',
      kind: 'owner',
      channel: 'eng-platform',
      question: 'Who owns billing?',
      expected: [firstName(v.billingOwner)],
      stale: [firstName(v.billingPrevious)],
    }),
    fact({
      id: 'marketing-budget',
      kind: 'number',
      channel: 'leadership',
      private: true,
      question: 'What is the Q2 marketing budget?',
      expected: [`$${v.marketingBudgetK}k`],
    }),
    fact({
      id: 'enterprise-sla',
      kind: 'number',
      channel: 'support',
      question: 'What is the first-response SLA for enterprise customers?',
      expected: [`${v.slaEnterpriseHours} business hours`],
    }),
    fact({
      id: 'launch-date',
      kind: 'date',
      channel: 'launch',
      question: 'When is the launch?',
      expected: [shortDate(v.launchActual)],
      stale: [shortDate(v.launchPlanned)],
      note: `The launch was first set for ${shortDate(v.launchPlanned)}, then slipped a week.`,
    }),
    fact({ id: 'pro-price', kind: 'number', channel: 'launch', question: 'How much does the Pro plan cost?', expected: [`$${v.proPrice}`] }),
    fact({
      id: 'refund-policy',
      kind: 'fact',
      channel: 'support',
      question: "What's the refund policy for annual plans?",
      expected: [`${v.refundDays} days`],
    }),
    fact({
      id: 'checkout-p95',
      kind: 'number',
      channel: 'eng-platform',
      question: "What is the checkout API's p95 latency?",
      expected: [`${v.p95}ms`],
      forbidden: [`${v.p95Mistyped}ms`],
      note: `The message first said ${v.p95Mistyped}ms and was edited to ${v.p95}ms.`,
    }),
    fact({
      id: 'offsite-budget',
      kind: 'number',
      channel: 'leadership',
      private: true,
      question: 'What is the offsite budget?',
      expected: [],
      forbidden: [`$${v.offsiteBudgetK}k`],
      note: 'The message stating it was deleted; a later message says the number is not approved yet.',
    }),
    fact({
      id: 'incident-cause',
      kind: 'fact',
      channel: 'eng-platform',
      question: `What caused the checkout outage on ${shortDate(v.incidentDay)}?`,
      expected: ['TLS certificate'],
    }),
    fact({
      id: 'postgres-upgrade',
      kind: 'decision',
      channel: 'eng-platform',
      question: 'When do we upgrade Postgres?',
      expected: ['Postgres 16', shortDate(v.postgresDay)],
    }),
  ];
}

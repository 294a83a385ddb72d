/**
 * The facts the eval dataset plants, and the questions that ask for them. The questions are
 * written here, by hand, apart from anything a sleep pass writes: a pass sees only the messages.
 *
 * - `paraphrase`: a fact that did not change since the pass, asked three or more ways;
 * - `lookalike`: a fact that shares words with another one in its channel (the launch party vs
 *   the launch, who owned billing before vs who owns it), with its own right answer;
 * - `changed`: a fact a message after the last pass changes, some without any number
 *   ("postponing indefinitely", "moved to the finance team").
 */
export interface PlantedFact {
  id: string;
  channel: string;
  kind: 'paraphrase' | 'lookalike' | 'changed';
  /** What states the fact in the history, oldest first: earlier ones are superseded. */
  history: { day: number; user: string; text: string }[];
  /** The message after the last pass that changes it (kind `changed`). */
  after?: { user: string; text: string };
  gold: string;
  mustContain: string[];
  /** What was true before the change after the pass. */
  stale?: string[];
  questions: string[];
}

export const EvalChannels = ['launch', 'billing', 'eng', 'office'] as const;

export const PlantedFacts: readonly PlantedFact[] = [
  // #launch
  {
    id: 'launch/date', channel: 'launch', kind: 'changed',
    history: [
      { day: 5, user: 'priya', text: 'Tentative plan: the v2 launch lands on February 24.' },
      { day: 18, user: 'priya', text: 'Update on v2: the launch date is now March 3, marketing is aligned.' },
    ],
    after: { user: 'priya', text: 'Heads up everyone: we are postponing the v2 launch indefinitely until the security review is done.' },
    gold: 'Postponed indefinitely (until the security review is done)', mustContain: ['indefinitely'], stale: ['March 3'],
    questions: ['When are we shipping v2?', "What's the go-live day for the new version?", 'is v2 still going out on the planned date', 'When does the v2 release happen?'],
  },
  {
    id: 'launch/party', channel: 'launch', kind: 'lookalike',
    history: [{ day: 20, user: 'tom', text: 'Launch party for v2 is booked: March 14 at the Foundry rooftop.' }],
    gold: 'March 14 at the Foundry rooftop', mustContain: ['March 14'],
    questions: ['When is the v2 launch party?', 'What day is the launch celebration?'],
  },
  {
    id: 'launch/proposed', channel: 'launch', kind: 'lookalike',
    history: [{ day: 2, user: 'priya', text: 'Kickoff recap: the v2 launch was first proposed for January 20, way too early.' }],
    gold: 'January 20', mustContain: ['January 20'],
    questions: ['When was the v2 launch first proposed?', 'What date did we originally pitch for the launch?'],
  },
  {
    id: 'beta/signups', channel: 'launch', kind: 'changed',
    history: [
      { day: 10, user: 'sara', text: 'Beta signups are at 1,240 as of this morning.' },
      { day: 25, user: 'sara', text: 'Beta signups crossed 1,870 today.' },
    ],
    after: { user: 'sara', text: 'New record: beta signups just passed 2,300.' },
    gold: 'Over 2,300', mustContain: ['2,300'], stale: ['1,870'],
    questions: ['How many people signed up for the beta?', "What's our beta signup count?", 'how big is the beta list now'],
  },
  {
    id: 'beta/waitlist', channel: 'launch', kind: 'lookalike',
    history: [{ day: 26, user: 'sara', text: 'Separately, the enterprise waitlist has 85 companies on it.' }],
    gold: '85 companies', mustContain: ['85'],
    questions: ['How many companies are on the enterprise waitlist?'],
  },
  // #billing
  {
    id: 'billing/owner', channel: 'billing', kind: 'changed',
    history: [{ day: 8, user: 'kim', text: 'Org change: Dana owns billing from now on.' }],
    after: { user: 'kim', text: 'Billing moved to the finance team as of today.' },
    gold: 'The finance team', mustContain: ['finance'], stale: ['Dana'],
    questions: ["Who's in charge of billing?", 'who should I ask about an invoice problem', 'Which person handles billing now?'],
  },
  {
    id: 'billing/previous', channel: 'billing', kind: 'lookalike',
    history: [{ day: 9, user: 'kim', text: 'For context, Raj owned billing before Dana.' }],
    gold: 'Raj', mustContain: ['Raj'],
    questions: ['Who owned billing before Dana?', 'Who ran billing before Dana took it over?'],
  },
  {
    id: 'billing/dashboard', channel: 'billing', kind: 'lookalike',
    history: [{ day: 12, user: 'kim', text: 'Mia is designing the new billing dashboard.' }],
    gold: 'Mia', mustContain: ['Mia'],
    questions: ['Who is designing the billing dashboard?', 'Who owns the billing dashboard design?'],
  },
  {
    id: 'pricing/pro', channel: 'billing', kind: 'paraphrase',
    history: [{ day: 4, user: 'leo', text: 'Pricing is final: Pro is $12 per seat per month.' }],
    gold: '$12 per seat per month', mustContain: ['$12'],
    questions: ['How much is Pro per seat?', 'What does the Pro tier cost?', "what's the price of a Pro seat", 'What do we charge for the Pro plan monthly?'],
  },
  {
    id: 'pricing/enterprise', channel: 'billing', kind: 'lookalike',
    history: [{ day: 4, user: 'leo', text: 'Enterprise is $40 per seat per month, annual contracts only.' }],
    gold: '$40 per seat per month', mustContain: ['$40'],
    questions: ['How much is the Enterprise plan?', "What's the per-seat price for Enterprise?"],
  },
  {
    id: 'refunds/window', channel: 'billing', kind: 'paraphrase',
    history: [{ day: 14, user: 'leo', text: 'Refund policy: customers can get a full refund within 30 days.' }],
    gold: 'Within 30 days', mustContain: ['30 days'],
    questions: ['How long do customers have to ask for a refund?', "What's the refund window?", 'Until when can someone get their money back?'],
  },
  {
    id: 'refunds/approval', channel: 'billing', kind: 'lookalike',
    history: [{ day: 15, user: 'kim', text: 'Refunds above $500 need sign-off from Sam.' }],
    gold: 'Sam', mustContain: ['Sam'],
    questions: ['Who has to approve a big refund?', 'Who signs off on refunds over $500?'],
  },
  // #eng
  {
    id: 'oncall/now', channel: 'eng', kind: 'changed',
    history: [{ day: 30, user: 'nina', text: 'On-call this week: Omar has the pager.' }],
    after: { user: 'nina', text: 'Swap: Lena is taking the pager from Omar for the rest of the week.' },
    gold: 'Lena', mustContain: ['Lena'], stale: ['Omar'],
    questions: ["Who's on call right now?", 'Who has the pager this week?', 'who do I page for an outage today'],
  },
  {
    id: 'oncall/next', channel: 'eng', kind: 'lookalike',
    history: [{ day: 31, user: 'nina', text: "Next week's rotation: Ben is on call." }],
    gold: 'Ben', mustContain: ['Ben'],
    questions: ['Who is on call next week?', 'Who takes the pager after this week?'],
  },
  {
    id: 'postgres/upgrade', channel: 'eng', kind: 'paraphrase',
    history: [{ day: 20, user: 'omar', text: 'Postgres 16 upgrade window is Saturday April 5, 02:00 UTC.' }],
    gold: 'Saturday April 5, 02:00 UTC', mustContain: ['April 5'],
    questions: ['When is the database upgrade happening?', "What's the maintenance window for the DB upgrade?", 'When do we move production to Postgres 16?'],
  },
  {
    id: 'postgres/staging', channel: 'eng', kind: 'lookalike',
    history: [{ day: 38, user: 'omar', text: 'Staging already runs Postgres 16: upgraded on February 10.' }],
    gold: 'February 10', mustContain: ['February 10'],
    questions: ['When was staging upgraded?', 'What day did the staging database get Postgres 16?'],
  },
  {
    id: 'checkout/p95', channel: 'eng', kind: 'paraphrase',
    history: [
      { day: 12, user: 'nina', text: 'Checkout p95 measured at 610 ms this week.' },
      { day: 24, user: 'nina', text: 'After the cache fix, checkout p95 is down to 340 ms.' },
    ],
    gold: '340 ms', mustContain: ['340'],
    questions: ['How fast is checkout at p95?', "What's the 95th percentile latency for checkout now?", 'checkout p95 latency these days'],
  },
  {
    id: 'checkout/p99', channel: 'eng', kind: 'lookalike',
    history: [{ day: 24, user: 'nina', text: 'Checkout p99 is 900 ms, still too high.' }],
    gold: '900 ms', mustContain: ['900'],
    questions: ["What's the p99 on checkout?", 'How slow is checkout at the 99th percentile?'],
  },
  // #office
  {
    id: 'office/allhands', channel: 'office', kind: 'paraphrase',
    history: [{ day: 3, user: 'ava', text: 'All-hands moves to the first Thursday of each month, 4pm.' }],
    gold: 'The first Thursday of each month, 4pm', mustContain: ['first Thursday'],
    questions: ['When is the company all-hands?', 'What day and time is the monthly town hall?', "when's the next all hands meeting"],
  },
  {
    id: 'office/offsite', channel: 'office', kind: 'paraphrase',
    history: [{ day: 22, user: 'ava', text: 'Offsite dates are set: May 12 to 14 in Lisbon.' }],
    gold: 'May 12 to 14, in Lisbon', mustContain: ['May 12'],
    questions: ['When is the team offsite?', 'What are the offsite dates?', 'Which days is the company retreat?'],
  },
  {
    id: 'office/address', channel: 'office', kind: 'paraphrase',
    history: [{ day: 28, user: 'ava', text: 'Reminder: the new office is at 55 Harbor Street, 3rd floor.' }],
    gold: '55 Harbor Street, 3rd floor', mustContain: ['55 Harbor'],
    questions: ["What's the address of the new office?", 'Where is our office now?', 'where do I go for the office'],
  },
  {
    id: 'office/old', channel: 'office', kind: 'lookalike',
    history: [{ day: 28, user: 'ava', text: 'The old office on Pine Street closes on March 31.' }],
    gold: 'March 31', mustContain: ['March 31'],
    questions: ['When does the old office close?'],
  },
];

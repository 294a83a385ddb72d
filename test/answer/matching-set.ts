/**
 * A labelled set for prepared-answer matching: four channels, the messages they hold, what a sleep
 * pass wrote for them (questions with subject, paraphrases and look-alikes, as a model would), and
 * questions asked later in wordings written apart from the pass's: paraphrases that must use the
 * prepared answer, look-alikes that must not, and changes after the pass (none with a number) that
 * must make a prepared answer stale.
 */
export interface PreparedSpec {
  key: string;
  /** A phrase of the message the answer rests on. */
  cites: string;
  question: string;
  subject: string;
  paraphrases: string[];
  lookalikes: string[];
  answer: string;
  /** Held-out wordings asking the same thing. */
  asked: string[];
  /** Held-out wordings asking something else. */
  askedLookalikes: string[];
}

export interface ChannelSpec {
  name: string;
  messages: string[];
  prepared: PreparedSpec[];
}

export interface StaleCase {
  channel: string;
  /** The prepared answer the change makes stale. */
  prepared: string;
  /** Posted after the pass: no number in it. */
  change: string;
  asked: string[];
}

export const CHANNELS: ChannelSpec[] = [
  {
    name: 'launch',
    messages: [
      'Proposal: we launch v3 on 14 April.',
      'Decision: the v3 launch date is 21 April, approved by Priya.',
      'Launch party will be at the Dock bar on 24 April, 6pm.',
      'Sam owns the launch checklist from now on.',
      'Coffee machine on the 3rd floor is fixed.',
    ],
    prepared: [
      {
        key: 'launch-date', cites: 'launch date is 21 April',
        question: 'When is the v3 launch date?', subject: 'v3 launch date',
        paraphrases: ['When do we launch v3?', 'What date is the v3 launch?', 'When does v3 ship?', "What's the release date for v3?"],
        lookalikes: ['When was the launch date first proposed?', 'When is the launch party?', 'Who approved the launch date?'],
        answer: 'v3 launches on 21 April (approved by Priya).',
        asked: ['v3 launch date?', 'When are we launching v3?', 'what day does v3 go live?'],
        askedLookalikes: ['When was the v3 launch date first proposed?', 'When is the v3 launch retrospective?'],
      },
      {
        key: 'launch-party', cites: 'Launch party will be',
        question: 'When and where is the launch party?', subject: 'launch party venue and time',
        paraphrases: ["Where's the launch party?", 'What time does the launch party start?', 'Where are we celebrating the launch?'],
        lookalikes: ['When is the launch?', 'Who is organising the launch party?'],
        answer: 'At the Dock bar on 24 April, from 6pm.',
        asked: ["where's the launch party happening?", 'What time is the launch party?', 'where do we celebrate the launch?'],
        askedLookalikes: ["Who's planning the launch party?", 'How many people are coming to the launch party?'],
      },
      {
        key: 'checklist-owner', cites: 'owns the launch checklist',
        question: 'Who owns the launch checklist?', subject: 'owner of the launch checklist',
        paraphrases: ['Who is responsible for the launch checklist?', "Who's in charge of the launch checklist?", 'Who handles the launch checklist?'],
        lookalikes: ['Who owns the launch?', 'Who owned the checklist before Sam?'],
        answer: 'Sam owns the launch checklist.',
        asked: ['who is the launch checklist owner?', 'Who takes care of the launch checklist?', "who's responsible for the checklist for launch?"],
        askedLookalikes: ['Who owned the launch checklist before Sam?', 'Who reviews the launch checklist?'],
      },
    ],
  },
  {
    name: 'billing',
    messages: [
      'Dana owns billing now that Lee moved to infra.',
      'The billing dashboard redesign is owned by Max.',
      'Invoices go out on the 1st of each month.',
      'Stripe is our payment processor; we moved off Braintree in May.',
    ],
    prepared: [
      {
        key: 'billing-owner', cites: 'Dana owns billing',
        question: 'Who owns billing?', subject: 'owner of billing',
        paraphrases: ['Who is responsible for billing?', 'Who handles billing?', "Who's in charge of billing?"],
        lookalikes: ['Who owns the billing dashboard design?', 'Who owned billing before Dana?', 'Who handles invoices?'],
        answer: 'Dana owns billing (since Lee moved to infra).',
        asked: ["who's the billing person?", 'Who is our billing owner?', 'who looks after billing?'],
        askedLookalikes: ['Who owns the billing dashboard redesign?', 'Who owned billing before Dana took over?'],
      },
      {
        key: 'invoice-day', cites: 'Invoices go out',
        question: 'When do invoices go out?', subject: 'invoice send date',
        paraphrases: ['What day are invoices sent?', 'When are invoices sent each month?', 'When do we send invoices?'],
        lookalikes: ['When are invoices due?', 'Who sends the invoices?'],
        answer: 'On the 1st of each month.',
        asked: ['when are invoices sent out?', 'What date do invoices go out?', 'invoices go out when?'],
        askedLookalikes: ['When is the invoice payment due?', 'Who sends out the invoices?'],
      },
      {
        key: 'payment-processor', cites: 'Stripe is our payment processor',
        question: 'Which payment processor do we use?', subject: 'payment processor',
        paraphrases: ['What do we use to process payments?', 'Are we on Stripe or Braintree?', "What's our payment provider?"],
        lookalikes: ['Which payment processor did we use before Stripe?', 'When did we switch payment processors?'],
        answer: 'Stripe (we moved off Braintree in May).',
        asked: ['What payment processor are we using?', 'which payments provider do we use?', 'who processes our payments?'],
        askedLookalikes: ['What payment processor did we use before?', 'When did we move to Stripe?'],
      },
    ],
  },
  {
    name: 'pricing',
    messages: [
      'Pro plan is $12 per seat per month.',
      'Enterprise is custom pricing, starting at $30 per seat.',
      'Annual billing gets 20% off any plan.',
      'Free tier is capped at 3 users.',
    ],
    prepared: [
      {
        key: 'pro-price', cites: 'Pro plan is $12',
        question: 'How much is the Pro plan?', subject: 'Pro plan price',
        paraphrases: ['What does Pro cost?', "What's the price of the Pro plan?", 'How much do we charge for Pro?'],
        lookalikes: ['How much is the Enterprise plan?', 'How much is Pro with annual billing?', 'How much was Pro last year?'],
        answer: 'Pro is $12 per seat per month.',
        asked: ["what's the price of Pro per seat?", 'how much does the Pro plan cost?', 'Pro plan price?'],
        askedLookalikes: ['How much is the Enterprise plan per seat?', 'How much does the Team plan cost?'],
      },
      {
        key: 'annual-discount', cites: 'Annual billing gets 20%',
        question: 'What discount does annual billing get?', subject: 'annual billing discount',
        paraphrases: ['How much off is annual billing?', 'Is there a discount for paying yearly?', "What's the annual discount?"],
        lookalikes: ['What discount do nonprofits get?', 'Can monthly plans get a discount?'],
        answer: 'Annual billing gets 20% off any plan.',
        asked: ["what's the discount for annual billing?", 'how much do we save with yearly billing?', 'annual billing discount?'],
        askedLookalikes: ['What discount do students get?', 'Is there a discount for monthly billing?'],
      },
      {
        key: 'free-tier', cites: 'Free tier is capped',
        question: 'How many users does the free tier allow?', subject: 'free tier user limit',
        paraphrases: ["What's the user cap on the free plan?", 'How many seats come with the free tier?', "What's the free tier limit?"],
        lookalikes: ['How many users does Pro allow?', 'How much storage does the free tier get?'],
        answer: 'The free tier allows up to 3 users.',
        asked: ['how many users on the free tier?', "what's the user limit for the free plan?", 'free tier max users?'],
        askedLookalikes: ['How many users can the Pro plan have?', 'How many projects does the free tier allow?'],
      },
    ],
  },
  {
    name: 'infra',
    messages: [
      'Primary database is Postgres 15 on db-1; replica on db-2.',
      'On-call this week is Ravi; next week is Mei.',
      'Deploys are frozen from 20 Dec to 3 Jan.',
    ],
    prepared: [
      {
        key: 'on-call', cites: 'On-call this week',
        question: 'Who is on call this week?', subject: 'current on-call engineer',
        paraphrases: ["Who's on call right now?", 'Who is the on-call engineer this week?', 'Who has the pager this week?'],
        lookalikes: ['Who is on call next week?', 'Who was on call last week?'],
        answer: 'Ravi is on call this week (Mei next week).',
        asked: ["who's on call this week?", 'Who is on-call currently?', 'who has on-call duty this week?'],
        askedLookalikes: ["Who's on call over the holidays?", 'Who was on-call before Ravi?'],
      },
      {
        key: 'deploy-freeze', cites: 'Deploys are frozen',
        question: 'When is the deploy freeze?', subject: 'deploy freeze dates',
        paraphrases: ['When are deploys frozen?', 'What are the code freeze dates?', 'When does the deploy freeze start and end?'],
        lookalikes: ['Why are deploys frozen?', 'When was the last deploy freeze?'],
        answer: 'Deploys are frozen from 20 Dec to 3 Jan.',
        asked: ["when's the deploy freeze?", 'What are the dates of the deploy freeze?', 'when do deploys freeze?'],
        askedLookalikes: ['Who approved the deploy freeze?', 'When did the last deploy freeze end?'],
      },
      {
        key: 'db-version', cites: 'Primary database is Postgres 15',
        question: 'Which database version do we run?', subject: 'primary database version',
        paraphrases: ['What version of Postgres are we on?', 'Which Postgres version is the primary?', 'What database do we use?'],
        lookalikes: ['Which host is the database replica on?', 'What Postgres version did we run before?'],
        answer: 'Postgres 15, primary on db-1.',
        asked: ['which Postgres version do we run?', 'what version is our database?', 'What DB version are we on?'],
        askedLookalikes: ['Which host runs the database replica?', 'What Redis version do we run?'],
      },
    ],
  },
];

/** Changes after the pass, none carrying a number: each must make its prepared answer unsafe to serve unchecked. */
export const STALE: StaleCase[] = [
  { channel: 'billing', prepared: 'billing-owner', change: 'Billing moved to the finance team.', asked: ['Who owns billing?', 'who looks after billing?'] },
  { channel: 'launch', prepared: 'launch-date', change: "We're postponing the v3 launch indefinitely.", asked: ['When is the v3 launch date?', 'When are we launching v3?'] },
  { channel: 'infra', prepared: 'on-call', change: 'Ravi is out sick, Mei is covering on-call.', asked: ['Who is on call this week?', "who's on call this week?"] },
  { channel: 'pricing', prepared: 'pro-price', change: "Don't quote the Pro price to anyone until the pricing review is done.", asked: ['How much is the Pro plan?', 'Pro plan price?'] },
];

/** Asked after the changes, about subjects nothing since touched: still served from the cache. */
export const UNTOUCHED: { channel: string; prepared: string; asked: string }[] = [
  { channel: 'pricing', prepared: 'annual-discount', asked: 'annual billing discount?' },
  { channel: 'infra', prepared: 'db-version', asked: 'Which database version do we run?' },
];

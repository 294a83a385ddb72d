import { Prng } from '../generator/prng.js';

/**
 * Everyday chatter around the planted facts: general talk, and messages that name a fact's subject
 * without stating it ("billing tickets are piling up"), which is what makes finding the one message
 * that does state it hard for retrieval over raw history.
 */
export const People = ['alice', 'ben', 'dana', 'kim', 'leo', 'mia', 'nina', 'omar', 'priya', 'sara', 'tom', 'ava'] as const;

const General = [
  'Morning all, standup in ten.',
  'PR #{n} is up for review, small one.',
  'Coffee machine on the third floor works again.',
  'Notes from the sync are in the team doc.',
  'Lunch order closes soon, add yours to the sheet.',
  'I will be out for a dentist appointment this afternoon.',
  'Thanks for the quick review!',
  'Retro board is open, add your cards.',
  'Reminder to fill in the weekly status sheet.',
  'Build {n} went green after the retry.',
  'Anyone up for a walk after lunch?',
  'Moved the sync doc into the shared folder.',
  'Great demo today, nice work everyone.',
  'Heads-down on the migration script for a bit.',
  'Updated the README with the new setup steps.',
  'Slides for tomorrow are in the deck folder.',
  'Ticket {n} can be closed, it was a duplicate.',
  'The flaky test in the auth suite is quarantined for now.',
  'Pairing with {p} on the parser this morning.',
  'Can we move the sync by half an hour?',
] as const;

/** Messages that mention a channel's subjects without stating any planted fact. */
const Mentions: Record<string, readonly string[]> = {
  launch: [
    'Launch checklist got the QA items added.',
    'v2 release notes draft is in the doc, comments welcome.',
    'Beta feedback thread is getting long, I will summarise it.',
    'Launch party playlist suggestions welcome.',
    'The v2 landing page copy needs another pass.',
    'Beta testers keep asking for dark mode.',
    'Waitlist emails go out through the new template.',
    'Press kit for the launch is half done.',
  ],
  billing: [
    'Billing tickets are piling up again.',
    'Refund macro in the help desk got a typo fix.',
    'Enterprise prospects keep asking about SSO.',
    'Pro users reported a confusing invoice layout.',
    'The billing dashboard mockups look great so far.',
    'Stripe webhook retries look healthy.',
    'Pricing page copy is being reviewed by legal.',
    'Refund requests were quiet this week.',
  ],
  eng: [
    'Checkout dashboards look noisy today.',
    'Postgres vacuum ran long overnight.',
    'Pager noise from the flaky health check, silencing that alert.',
    'Staging deploy is slow again.',
    'Checkout error budget looks fine.',
    'The database connection pool config got cleaned up.',
    'On-call handbook got a new section on rollbacks.',
    'Latency graphs for checkout are in the ops folder.',
  ],
  office: [
    'All-hands slides template is in the drive.',
    'Office plants got watered.',
    'Offsite packing list started, add to it.',
    'The office kitchen got a new kettle.',
    'Town hall questions can go in the form.',
    'Parking passes for the office are at the front desk.',
    'Offsite activity ideas thread is open.',
    'The old office keys go back to facilities.',
  ],
};

/** A seeded random source (the synthetic workspace's): the dataset must be the same on every machine. */
export function prng(seed: number): () => number {
  const source = new Prng(seed);
  return () => source.next();
}

export function chatterLine(channel: string, random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const mentions = Mentions[channel] ?? [];
  const template = mentions.length && random() < 0.35 ? pick(mentions) : pick(General);
  return template.replace('{n}', String(1000 + Math.floor(random() * 9000))).replace('{p}', pick(People));
}

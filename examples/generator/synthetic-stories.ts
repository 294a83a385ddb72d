import { longDate, shortDate } from './synthetic-calendar.js';
import { channelByName, mention } from './synthetic-cast.js';
import type { DraftConversation, DraftMessage } from './synthetic-draft.js';
import { StoryAt, type PlantedValues } from './synthetic-facts.js';

/**
 * The conversations that plant the ground-truth facts: decisions, owners, numbers, a launch date
 * that slips, a number corrected by an edit, and a budget whose message is deleted.
 */

const say = (from: string, text: string, evidence?: string[]): DraftMessage => (evidence ? { from, text, evidence } : { from, text });
const link = (channel: string) => `<#${channelByName(channel).id}|${channel}>`;

export function plantedStories(v: PlantedValues): DraftConversation[] {
  const planned = longDate(v.launchPlanned);
  const actual = longDate(v.launchActual);
  const [first, second, third, fourth] = v.onCall;
  return [
    {
      channel: 'general',
      at: StoryAt.allHands,
      threaded: true,
      messages: [
        say('daniel', `From this month the all-hands is every first Thursday of the month at ${v.allHandsTime} UTC, big room + Zoom. Agenda doc goes out the Monday before.`, ['all-hands']),
        say('lena', 'Great, adding it to the company calendar 📅'),
        say('omar', 'Will it be recorded for the APAC folks?'),
        say('daniel', 'Yes, recording goes to the #general pinned doc within a day.'),
      ],
    },
    {
      channel: 'eng-platform',
      at: StoryAt.onCall,
      threaded: true,
      messages: [
        say('tom', `On-call rotation for this quarter: weekly shifts, handover Mondays at 10:00 UTC. Order: ${mention(first)} → ${mention(second)} → ${mention(third)} → ${mention(fourth)}. PagerDuty schedule is "platform-primary"; swaps go in this thread.`, ['on-call-rotation']),
        say(second, 'Can I swap my first week? I am out that Wednesday.'),
        say('tom', `Sure, ask ${mention(third)} and update the schedule, order stays the same after that.`),
        say(third, 'Swapped 👍'),
      ],
    },
    {
      channel: 'eng-platform',
      at: StoryAt.billingOwner,
      threaded: false,
      messages: [
        say('priya', `Org change: ${mention(v.billingOwner)} now owns billing (invoices, Stripe webhooks, dunning emails). ${mention(v.billingPrevious)} moves to the data pipeline but stays around for questions this month.`, ['billing-owner']),
        say(v.billingPrevious, `Handover doc: <https://wiki.acme-co.dev/billing/handover|Billing handover notes> — ${mention(v.billingOwner)} has the Stripe dashboard access now.`),
        say(v.billingOwner, 'Thanks! Please route billing bugs to me from now on.'),
      ],
    },
    {
      channel: 'leadership',
      at: StoryAt.marketingBudget,
      threaded: true,
      messages: [
        say('sofia', 'Do we have a final number for Q2 marketing? Lena needs it to book the conference booths.'),
        say('grace', `Q2 marketing budget is approved at $${v.marketingBudgetK}k, of which $${v.eventsBudgetK}k is earmarked for events. Anything above that comes back here.`, ['marketing-budget']),
        say('daniel', 'Approved from my side 👍'),
      ],
    },
    {
      channel: 'support',
      at: StoryAt.supportSla,
      threaded: false,
      messages: [
        say('aisha', `Reminder of our SLAs: Enterprise first response within ${v.slaEnterpriseHours} business hours, Pro within ${v.slaProHours} hours, Free is best-effort. Escalate to ${mention('tom')} if an Enterprise ticket is about to breach.`, ['enterprise-sla']),
        say('omar', 'Does the Enterprise clock pause over the weekend?'),
        say('aisha', `Yes, business hours only (Mon–Fri, 08:00–18:00 customer time). So ${v.slaEnterpriseHours} business hours, not wall-clock.`, ['enterprise-sla']),
      ],
    },
    {
      channel: 'launch',
      at: StoryAt.launchPlanned,
      threaded: true,
      messages: [
        say('sofia', `Proposal: we ship ${v.version} on ${planned}. Branch freeze the Friday before. Objections by EOD tomorrow?`),
        say('marcus', 'Billing migration will be done by then 👍'),
        say('jonas', 'Frontend is on track, two small bugs left on the onboarding flow.'),
        say('lena', 'Works for marketing, blog post and email go out at 09:00 that day.'),
        say('daniel', `Agreed. Decision: we'll ship ${v.version} on ${planned}.`),
      ],
    },
    {
      channel: 'launch',
      at: StoryAt.pricing,
      threaded: true,
      messages: [
        say('sofia', `What's the final pricing for ${v.version}? Need it for the landing page.`),
        say('grace', `Pro is $${v.proPrice}/seat/month billed annually, Team is $${v.teamPrice}/seat/month. Enterprise is custom, starting at $${v.enterpriseFloorK}k/year.`, ['pro-price']),
        say('daniel', 'Approved.'),
        say('mei', 'Updating the pricing page mock now.'),
      ],
    },
    {
      channel: 'support',
      at: StoryAt.refunds,
      threaded: true,
      messages: [
        say('omar', "Customer on an annual plan wants a refund after 3 weeks. What's our refund policy for annual plans?"),
        say('aisha', `Full refund within ${v.refundDays} days of purchase, prorated after that. Anything above $${v.refundApprovalAbove} needs ${mention('grace')}'s approval.`, ['refund-policy']),
        say('omar', 'Thanks, processing it.'),
      ],
    },
    {
      channel: 'eng-platform',
      at: StoryAt.latency,
      threaded: true,
      messages: [
        {
          from: 'tom',
          text: `Checkout API after the Redis cache change: p95 ${v.p95}ms (was ${v.p95Before}ms), p99 ${v.p99}ms. Dashboard: <https://grafana.acme-co.dev/d/checkout|Checkout latency>`,
          edit: {
            before: `Checkout API after the Redis cache change: p95 ${v.p95Mistyped}ms (was ${v.p95Before}ms), p99 ${v.p99}ms. Dashboard: <https://grafana.acme-co.dev/d/checkout|Checkout latency>`,
            afterMinutes: 12,
          },
          evidence: ['checkout-p95'],
        },
        say('priya', 'Nice win 🎉 can we keep the cache TTL at 60s for launch?'),
        say('tom', 'Yes, TTL stays 60s. (Edited the number above, I had copied the wrong panel.)'),
      ],
    },
    {
      channel: 'leadership',
      at: StoryAt.offsite,
      threaded: false,
      messages: [{ from: 'daniel', text: `Offsite budget is $${v.offsiteBudgetK}k, venue in Lisbon, 12 people.`, deleteAfterMinutes: 35 }],
    },
    {
      channel: 'leadership',
      at: StoryAt.offsiteRetraction,
      threaded: false,
      messages: [
        say('daniel', `I deleted my message about the offsite budget: that number was not approved yet. ${mention('grace')} will post it once finance signs off.`, ['offsite-budget']),
        say('grace', 'Correct, still working through quotes. No number until then please.', ['offsite-budget']),
      ],
    },
    {
      channel: 'eng-platform',
      at: StoryAt.incidentAlert,
      threaded: true,
      messages: [
        say('pagerbot', ':rotating_light: Triggered: checkout error rate above 5% (payments-gateway) — assigned to the platform-primary on-call'),
        say('tom', 'Looking. 502s from the payments gateway.'),
        say('tom', `Resolved after ${v.incidentMinutes} minutes, postmortem to follow.`),
      ],
    },
    {
      channel: 'eng-platform',
      at: StoryAt.incidentPostmortem,
      threaded: true,
      messages: [
        say('tom', `Postmortem for the ${shortDate(v.incidentDay)} checkout outage: root cause was an expired TLS certificate on the payments gateway; ${v.incidentMinutes} minutes of failed checkouts. Action items: cert-manager alerts 14 days before expiry (owner ${mention('tom')}), synthetic checkout probe every minute (owner ${mention(v.billingOwner)}).`, ['incident-cause']),
        say('priya', 'Thanks Tom. Please link the doc in the incident log.'),
        say('tom', '<https://wiki.acme-co.dev/incidents/checkout-tls|Postmortem: checkout TLS expiry>'),
      ],
    },
    {
      channel: 'launch',
      at: StoryAt.launchSlip,
      threaded: false,
      messages: [
        say('sofia', `Heads up: the launch moves to ${actual}. The payment provider's certification slipped a week. ${v.version} ships on ${actual}; branch freeze moves with it.`, ['launch-date']),
        say('lena', 'Updating the blog post and email schedule to the new date.'),
        say('daniel', `OK. ${actual} it is, no further slips please 🙏`, ['launch-date']),
      ],
    },
    {
      channel: 'eng-platform',
      at: StoryAt.postgres,
      threaded: true,
      messages: [
        say('ravi', 'Postgres 13 goes out of support later this year. Proposal: upgrade the main cluster to 16 with pg_upgrade, 1h window.'),
        say('tom', 'Fine by me if we rehearse on staging first.'),
        say('priya', `Decision: we upgrade the main cluster to Postgres 16 on ${longDate(v.postgresDay)}, maintenance window 02:00–03:00 UTC, owner ${mention(v.postgresOwner)}. Staging rehearsal the week before. Status page notice goes out 3 days ahead (${link('support')} please warn Enterprise customers).`, ['postgres-upgrade']),
        say('aisha', 'Will do, drafting the customer notice.'),
      ],
    },
  ];
}

import { longDate, shortDate } from './synthetic-calendar.js';
import { channelByName, firstName, mention } from './synthetic-cast.js';
import type { DraftConversation } from './synthetic-draft.js';
import { StoryAt, type PlantedValues } from './synthetic-facts.js';
import type { Prng } from './prng.js';

/**
 * Questions people keep asking ("when is the launch?", "who owns billing?"): the best predictor
 * of what Mull will be asked next, and the reason thinking ahead pays. Each is asked again and
 * again after its answer was planted, answered with what was true at that moment.
 */

interface Recurring {
  factId: string;
  /** Asked only after this fraction of the timeline (after the answer exists). */
  after: number;
  channels: readonly string[];
  asks: readonly string[];
  /** Who answers, in order of preference; the first who is in the channel does. */
  answerers: readonly string[];
  /** The answer at `at`, and whether it is the current (not later superseded) one. */
  answer(at: number): { text: string; current: boolean };
}

function recurringQuestions(v: PlantedValues): Recurring[] {
  const launch = `<#${channelByName('launch').id}|launch>`;
  return [
    {
      factId: 'launch-date',
      after: StoryAt.launchPlanned + 0.02,
      channels: ['general', 'launch'],
      asks: ['when is the launch?', `quick one: when does ${v.version} ship?`, 'what day are we launching again?', 'is the launch date final?'],
      answerers: ['sofia', 'lena', 'daniel'],
      answer: (at) =>
        at < StoryAt.launchSlip
          ? { text: `${longDate(v.launchPlanned)}, see the decision in ${launch}.`, current: false }
          : { text: `${longDate(v.launchActual)}. It slipped a week from ${shortDate(v.launchPlanned)} (payment provider certification).`, current: true },
    },
    {
      factId: 'billing-owner',
      after: StoryAt.billingOwner + 0.02,
      channels: ['support', 'eng-platform'],
      asks: ['who owns billing?', 'who should I talk to about a billing bug?', "who's the billing owner these days?", `is ${firstName(v.billingPrevious)} still the billing person?`],
      answerers: ['priya', 'tom', 'aisha'],
      answer: () => ({
        text: `${mention(v.billingOwner)} owns billing now; ${mention(v.billingPrevious)} moved to the data pipeline.`,
        current: true,
      }),
    },
    {
      factId: 'on-call-rotation',
      after: StoryAt.onCall + 0.02,
      channels: ['eng-platform', 'support'],
      asks: ["what's the on-call rotation?", 'how does on-call work here?', 'when is the on-call handover?'],
      answerers: ['tom', 'priya'],
      answer: () => ({
        text: `Weekly shifts, handover Mondays 10:00 UTC, in this order: ${v.onCall.map(mention).join(' → ')}. PagerDuty schedule "platform-primary".`,
        current: true,
      }),
    },
    {
      factId: 'pro-price',
      after: StoryAt.pricing + 0.02,
      channels: ['support', 'general'],
      asks: ['how much is Pro?', 'what do we charge for Pro per seat?', 'customer is asking for Pro pricing, what is it?'],
      answerers: ['sofia', 'aisha'],
      answer: () => ({ text: `Pro is $${v.proPrice}/seat/month billed annually (Team is $${v.teamPrice}).`, current: true }),
    },
  ];
}

/** `perQuestion` asks of each recurring question, spread over the rest of the timeline. */
export function recurringAsks(v: PlantedValues, random: Prng, perQuestion: number): DraftConversation[] {
  const conversations: DraftConversation[] = [];
  for (const recurring of recurringQuestions(v)) {
    for (let i = 0; i < perQuestion; i += 1) {
      const at = recurring.after + random.next() * (0.995 - recurring.after);
      const channel = channelByName(recurring.channels[i % recurring.channels.length]);
      const answerer = recurring.answerers.find((key) => channel.members.includes(key)) ?? channel.members[0];
      const asker = random.pick(channel.members.filter((key) => key !== answerer));
      const { text, current } = recurring.answer(at);
      const messages = [
        { from: asker, text: random.pick(recurring.asks) },
        current ? { from: answerer, text, evidence: [recurring.factId] } : { from: answerer, text },
      ];
      if (random.chance(0.4)) messages.push({ from: asker, text: random.pick(['thanks!', 'perfect, thank you', '🙏', 'got it']) });
      conversations.push({ channel: channel.name, at, threaded: true, messages });
    }
  }
  return conversations;
}

/** Messages per ask conversation never exceed this (question, answer, thanks). */
export const MaxMessagesPerAsk = 3;

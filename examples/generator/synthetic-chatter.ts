import { mention, type SyntheticChannel } from './synthetic-cast.js';
import type { DraftConversation, DraftMessage } from './synthetic-draft.js';
import type { PlantedValues } from './synthetic-facts.js';
import type { Prng } from './prng.js';

/**
 * Everyday chatter around the planted facts: reviews, deploys, customer tickets, lunch. It never
 * states a planted value, so a right answer can only come from the planted messages.
 */

const SERVICES = ['api', 'billing-worker', 'search', 'web', 'notifications', 'auth', 'exports'];
const CHANGES = ['retry budget for outbound calls', 'drop the legacy v1 endpoints', 'batch inserts for events', 'structured logging', 'connection pool limits', 'idempotency keys on webhooks'];
const CUSTOMERS = ['Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail', 'Hooli', 'Vandelay Imports'];
const LIBS = [['pg', '8.11', '8.13'], ['zod', '3.23', '4.1'], ['react', '18.3', '19.1'], ['undici', '6.19', '7.2']] as const;
const ISSUES = ['CSV export times out', 'SSO login loops back to the login page', 'invoice PDF shows the wrong VAT id', 'webhook retries arrive twice', 'search misses results with accents', 'password reset email never arrives'];
const RUNBOOKS = [['db-password-rotation', 'Rotating database credentials'], ['staging-reset', 'Resetting staging'], ['feature-flags', 'Feature flag hygiene'], ['queue-backlog', 'Draining a queue backlog']] as const;
const READING = [['boring-tech', 'Choose boring technology'], ['on-call-health', 'Sustainable on-call'], ['writing-docs', 'Docs people actually read']] as const;
const LOST = ['a blue umbrella', 'a USB-C charger', 'a green water bottle', 'a grey hoodie', 'reading glasses'];
const REPLIES = ['👍', 'thanks!', 'on it', '+1', 'makes sense', 'good call', 'ack', 'nice 🎉', 'will do', 'done ✅'];

/** Who plausibly says what: scripts draw authors from these, within the channel's members. */
const ENG = ['priya', 'marcus', 'ravi', 'tom', 'jonas'];
const SUPPORT = ['aisha', 'omar'];
const PRODUCT = ['sofia', 'mei', 'lena', 'jonas'];

type Script = (random: Prng, cast: Cast, v: PlantedValues) => { messages: DraftMessage[]; threaded: boolean };

/** Picks distinct channel members for a conversation, preferring a role's pool. */
class Cast {
  private used: string[] = [];
  constructor(
    private readonly random: Prng,
    private readonly members: readonly string[],
  ) {}
  next(pool?: readonly string[]): string {
    const fresh = this.members.filter((key) => !this.used.includes(key));
    const preferred = pool ? fresh.filter((key) => pool.includes(key)) : fresh;
    const key = this.random.pick(preferred.length > 0 ? preferred : fresh.length > 0 ? fresh : this.members);
    this.used.push(key);
    return key;
  }
  /** Someone already in the conversation (for a late "thanks"). */
  again(): string {
    return this.random.pick(this.used.length > 0 ? this.used : this.members);
  }
}

const say = (from: string, text: string, extra: Partial<DraftMessage> = {}): DraftMessage => ({ from, text, ...extra });
const thread = (messages: DraftMessage[]) => ({ messages, threaded: true });
const plain = (messages: DraftMessage[]) => ({ messages, threaded: false });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const general: Script[] = [
  (r, c) => thread([say(c.next(), `Anyone up for lunch at the ${r.pick(['ramen place', 'Thai place', 'food trucks'])} at 12:${r.pick(['15', '30', '45'])}?`), say(c.next(), 'in'), say(c.next(), r.pick(['count me in 🍜', 'me too', 'save me a seat']))]),
  (r, c) => { const a = c.next(), b = c.next(); return thread([say(a, `Happy birthday ${mention(b)}! 🎂`), say(c.next(), '🎉🎉'), say(b, 'thank you all!')]); },
  (r, c) => plain([say(c.next(['grace']), `Friendly reminder: expense reports are due ${r.pick(['Friday', 'end of month', 'next Wednesday'])}.`)]),
  (r, c) => thread([say(c.next(), `Wifi on floor ${r.int(2, 4)} is flaky again, IT is on it.`), say(c.next(), r.pick(['same here, using the hotspot for now', 'seems better now', 'thanks for the heads up']))]),
  (r, c) => plain([say(c.next(['lena', 'mei']), `Photos from the ${r.pick(['team dinner', 'summer party', 'hackathon'])} are in the shared drive 📸`, { files: [{ name: `photos-${r.int(1, 9)}.jpg`, title: 'Photos', filetype: 'jpg' }] })]),
  (r, c) => thread([say(c.next(), `Who left ${r.pick(LOST)} in the ${r.pick(['big room', 'kitchen', 'phone booth'])}?`), say(c.next(), 'guilty, grabbing it later')]),
  (r, c) => { const [slug, title] = r.pick(READING); return plain([say(c.next(), `Reading recommendation: <https://blog.example.com/${slug}|${title}>`)]); },
  (r, c) => plain([say(c.next(['grace', 'daniel']), `Reminder: fire drill ${r.pick(['Tuesday', 'Wednesday', 'Thursday'])} at 11:00, it takes ~15 minutes`)]),
  (r, c) => { const who = c.next(); return thread([say(c.next(), `Welcome back ${mention(who)} 👋`), say(who, 'Thanks, good to be back!')]); },
  (r, c) => plain([say(c.next(['daniel', 'grace']), `The office is closed ${r.pick(['Saturday morning', 'Sunday'])} for ${r.pick(['cleaning', 'electrical work'])}, R&amp;D lab included.`)]),
];

const engPlatform: Script[] = [
  (r, c) => { const a = c.next(ENG), b = c.next(ENG); return thread([say(a, `PR #${r.int(1200, 4800)} (${r.pick(SERVICES)}: ${r.pick(CHANGES)}) is ready for review, ${mention(b)} could you take a look?`), say(b, 'Looking now'), say(b, r.pick(['Left two comments, otherwise LGTM', 'LGTM', 'One question about the migration, see inline'])), say(a, 'Merged 🚢')]); },
  (r, c) => plain([say(c.next(ENG), `Heads up: deploying ${r.pick(SERVICES)} to staging in ${r.pick(['5', '10', '15'])} minutes`)]),
  (r, c) => thread([say(c.next(['tom', 'ravi']), `${r.pick(SERVICES)} error rate spiked to ${r.int(2, 9)}.${r.int(0, 9)}% around ${r.int(9, 17)}:${r.pick(['05', '20', '40'])} UTC, looking`), say(c.next(ENG), r.pick(['It was one bad node, drained it', 'A noisy neighbour on the DB host, moved it', 'Bad config push, rolled back'])), say(c.next(ENG), 'Back to normal now')]),
  (r, c) => { const [slug, title] = r.pick(RUNBOOKS); return thread([say(c.next(ENG), `Does anyone have the runbook for ${title.toLowerCase()}?`), say(c.next(['tom', 'priya']), `<https://wiki.acme-co.dev/runbooks/${slug}|${title}>`), say(c.again(), 'thanks!')]); },
  (r, c) => thread([say(c.next(ENG), `CI is red on main: flaky test in ${r.pick(SERVICES)} (\`${r.pick(['retries_on_timeout', 'handles_empty_page', 'sorts_by_ts', 'parses_legacy_dates'])}\`)`), say(c.next(ENG), "I'll quarantine it"), say(c.next(ENG), `Fixed properly in #${r.int(1200, 4800)}`)]),
  (r, c) => { const [lib, from, to] = r.pick(LIBS); return plain([say(c.next(ENG), `Bumping ${lib} from ${from} to ${to} across services, shout if something breaks`)]); },
  (r, c, v) => plain([say('deploybot', `Deployed \`${r.pick(SERVICES)}\` ${v.version}.0-rc.${r.int(1, 9)} to ${r.pick(['staging', 'production'])} (build #${r.int(8000, 9999)}), triggered by ${mention(c.next(ENG))}`)]),
  (r, c) => thread([say(c.next(ENG), `Load test for ${r.pick(SERVICES)}: ${r.int(8, 40) * 100} rps sustained, CPU at ${r.int(40, 85)}% on 3 pods`), say(c.next(ENG), r.pick(['Looks healthy, ship it', 'Can we try 5 pods too?']))]),
  (r, c) => plain([say(c.next(['priya', 'ravi']), `Design review for the ${r.pick(['queue', 'search index', 'webhook'])} redesign on ${r.pick(['Tuesday', 'Thursday'])} 14:00, doc: <https://docs.acme-co.dev/d/${r.int(100, 999)}|design doc>`)]),
  (r, c) => thread([say(c.next(['marcus', 'ravi', 'jonas']), `Can someone approve my access request for the ${r.pick(['prod read replica', 'billing dashboard', 'staging bastion'])}?`), say(c.next(['priya', 'tom']), 'Approved'), say(c.again(), 'thanks!')]),
];

const launch: Script[] = [
  (r, c) => thread([say(c.next(['lena']), `Draft of the launch blog post: <https://docs.acme-co.dev/d/${r.int(100, 999)}|Launch blog draft>, comments welcome`), say(c.next(PRODUCT), r.pick(['Left a few suggestions on the intro', 'Love the screenshots', 'Can we shorten the second section?'])), say(c.next(), r.pick(REPLIES))]),
  (r, c) => plain([say(c.next(['mei']), '', { files: [{ name: `landing-v${r.int(2, 6)}.png`, title: 'Landing page mock', filetype: 'png' }] })]),
  (r, c) => { const blockers = r.int(0, 3); return thread([say(c.next(['jonas', 'sofia']), `QA status: ${plural(r.int(3, 25), 'open bug')}, ${plural(blockers, 'blocker')}`), say(c.next(ENG), blockers > 0 ? 'Blockers are all on the onboarding flow, fixes in review' : 'Nice, nothing blocking 🎉')]); },
  (r, c) => thread([say(c.next(['sofia']), `Beta feedback from ${r.pick(CUSTOMERS)}: they love the new ${r.pick(['dashboard', 'export flow', 'search'])} but want ${r.pick(['dark mode', 'CSV import', 'an audit log'])}`), say(c.next(PRODUCT), 'Adding it to the post-launch list')]),
  (r, c) => plain([say(c.next(['lena']), `Press list is in the sheet, ${r.int(8, 30)} outlets so far`)]),
  (r, c) => thread([say(c.next(['lena', 'sofia']), `Translations for ${r.pick(['DE/FR/JA', 'ES/PT', 'the help center'])} are in review`), say(c.next(), r.pick(['thanks for chasing', '🙏', 'I can proofread one of them']))]),
  (r, c) => thread([say(c.next(['sofia']), 'Who is writing the changelog?'), say(c.next(ENG), "I'll take it")]),
  (r, c) => thread([say(c.next(['lena', 'mei']), 'Demo video cut is ready for review', { files: [{ name: `demo-cut-${r.int(1, 4)}.mp4`, title: 'Demo video', filetype: 'mp4' }] }), say(c.next(PRODUCT), r.pick(['The pacing in the middle drags a bit', 'Looks great!']))]),
  (r, c) => thread([say(c.next(['lena']), 'Can design sign off on the onboarding emails?'), say(c.next(['mei']), 'Signed off, one tweak to the header image')]),
];

const support: Script[] = [
  (r, c) => thread([say(c.next(SUPPORT), `${r.pick(CUSTOMERS)} reports: ${r.pick(ISSUES)} (SUP-${r.int(1000, 9999)})`), say(c.next(SUPPORT), 'Can you get a HAR file?'), say(c.next(ENG), 'Reproduced, filing a bug'), say(c.again(), r.pick(['Fix deployed this morning, customer confirmed', 'Workaround sent, fix lands next week']))]),
  (r, c) => plain([say(c.next(SUPPORT), `Macro for "${r.pick(['refund request', 'SSO setup', 'data export', 'seat changes'])}" updated in Zendesk`)]),
  (r, c) => plain([say(c.next(SUPPORT), `Queue is at ${r.int(12, 80)} open tickets, oldest is ${r.int(2, 30)}h`)]),
  (r, c) => plain([say(c.next(['aisha']), `Weekly CSAT: ${r.int(86, 98)}% (${r.int(40, 140)} responses)`)]),
  (r, c) => thread([say(c.next(['aisha']), `Renewal call with ${r.pick(CUSTOMERS)} tomorrow, they will ask about ${r.pick(['SSO', 'the audit log', 'data residency'])}`), say(c.next(['sofia', 'marcus']), "I'll join")]),
  (r, c) => plain([say(c.next(SUPPORT), `Status page updated: ${r.pick(SERVICES)} degraded performance resolved`)]),
  (r, c) => thread([say(c.next(SUPPORT), `Customer asks whether we support ${r.pick(['SCIM provisioning', 'custom domains', 'IP allow-lists'])}`), say(c.next(['sofia']), 'Not yet, it is on the roadmap; log it in the feature request board')]),
  (r, c) => thread([say(c.next(SUPPORT), `Can someone from eng look at SUP-${r.int(1000, 9999)}? ${r.pick(CUSTOMERS)} can't ${r.pick(['download invoices', 'invite teammates', 'connect Slack'])}`), say(c.next(ENG), `${r.pick(['Taking it', 'Looking after standup', 'On it'])}`)]),
];

const leadership: Script[] = [
  (r, c) => plain([say(c.next(['grace']), 'Board deck draft is in the drive, comments by Thursday', { files: [{ name: `board-deck-q${r.int(1, 2)}.pdf`, title: 'Board deck', filetype: 'pdf' }] })]),
  (r, c) => thread([say(c.next(['priya', 'daniel']), `Hiring update: ${plural(r.int(2, 6), 'offer')} out, ${r.int(0, 2)} accepted`), say(c.next(), r.pick(REPLIES))]),
  (r, c) => plain([say(c.next(['daniel']), 'Pipeline review Thursday, please update your forecasts before')]),
  (r, c) => plain([say(c.next(['priya', 'daniel']), `Offer accepted: a new ${r.pick(['backend engineer', 'support engineer', 'designer'])} starts next month 🎉`)]),
  (r, c) => thread([say(c.next(['daniel']), 'Draft OKRs for next quarter are in the doc, comments by Friday'), say(c.next(), r.pick(REPLIES))]),
  (r, c) => thread([say(c.next(['daniel']), `Let's cover ${r.pick(['the hiring plan', 'the EU expansion', 'pricing experiments'])} in Monday's staff meeting`), say(c.next(), 'Added to the agenda')]),
];

const SCRIPTS: Record<string, readonly Script[]> = { general, 'eng-platform': engPlatform, launch, support, leadership };

/** Writes chatter conversations; avoids repeating a channel's recent scripts so days read varied. */
export class ChatterWriter {
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly random: Prng,
    private readonly values: PlantedValues,
  ) {}

  /** One conversation in `channel` at `at`, cut to at most `maxMessages`. */
  write(channel: SyntheticChannel, at: number, maxMessages: number): DraftConversation {
    const scripts = SCRIPTS[channel.name];
    const recent = this.recent.get(channel.name) ?? [];
    const choices = scripts.map((_, i) => i).filter((i) => !recent.includes(i));
    const index = this.random.pick(choices);
    this.recent.set(channel.name, [...recent, index].slice(-Math.ceil(scripts.length * 0.6)));

    const cast = new Cast(this.random, channel.members);
    const { messages, threaded } = scripts[index](this.random, cast, this.values);
    // Now and then somebody chimes in late; the cut keeps the total message count exact.
    if (this.random.chance(0.15)) messages.push(say(cast.next(), this.random.pick(REPLIES)));
    return { channel: channel.name, at, threaded, messages: messages.slice(0, Math.max(1, maxMessages)) };
  }
}

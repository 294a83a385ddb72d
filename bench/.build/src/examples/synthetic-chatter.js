import { mention } from './synthetic-cast.js';
/**
 * Everyday chatter around the planted facts: reviews, deploys, customer tickets, lunch. It never
 * states a planted value, so a right answer can only come from the planted messages.
 */
const SERVICES = ['api', 'billing-worker', 'search', 'web', 'notifications', 'auth', 'exports'];
const CUSTOMERS = ['Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Retail', 'Hooli', 'Vandelay Imports'];
const LIBS = [['pg', '8.11', '8.13'], ['zod', '3.23', '4.1'], ['react', '18.3', '19.1'], ['undici', '6.19', '7.2']];
const ISSUES = ['CSV export times out', 'SSO login loops back to the login page', 'invoice PDF shows the wrong VAT id', 'webhook retries arrive twice', 'search misses results with accents', 'password reset email never arrives'];
const RUNBOOKS = [['db-password-rotation', 'Rotating database credentials'], ['staging-reset', 'Resetting staging'], ['feature-flags', 'Feature flag hygiene'], ['queue-backlog', 'Draining a queue backlog']];
const REPLIES = ['👍', 'thanks!', 'on it', '+1', 'makes sense', 'good call', 'ack', 'nice 🎉', 'will do', 'done ✅'];
/** Picks distinct members of the channel, in order of asking. */
class Cast {
    random;
    members;
    used = [];
    constructor(random, members) {
        this.random = random;
        this.members = members;
    }
    next() {
        const fresh = this.members.filter((key) => !this.used.includes(key));
        const key = this.random.pick(fresh.length > 0 ? fresh : this.members);
        this.used.push(key);
        return key;
    }
}
const say = (from, text, extra = {}) => ({ from, text, ...extra });
const thread = (messages) => ({ messages, threaded: true });
const plain = (messages) => ({ messages, threaded: false });
const general = [
    (r, c) => { const a = c.next(); return thread([say(a, `Anyone up for lunch at the ramen place at 12:${r.pick(['15', '30', '45'])}?`), say(c.next(), 'in'), say(c.next(), 'count me in 🍜')]); },
    (r, c) => { const a = c.next(), b = c.next(); return thread([say(a, `Happy birthday ${mention(b)}! 🎂`), say(c.next(), '🎉🎉'), say(b, 'thank you all!')]); },
    (r, c) => plain([say(c.next(), `Friendly reminder: expense reports are due ${r.pick(['Friday', 'end of month', 'next Wednesday'])}.`)]),
    (r, c) => thread([say(c.next(), `Wifi on floor ${r.int(2, 4)} is flaky again, IT is on it.`), say(c.next(), 'same here, using the hotspot for now')]),
    (r, c) => plain([say(c.next(), 'Photos from the team dinner are in the shared drive 📸', { files: [{ name: 'team-dinner.jpg', title: 'Team dinner', filetype: 'jpg' }] })]),
    (r, c) => thread([say(c.next(), 'Who left a blue umbrella in the big room?'), say(c.next(), 'guilty, grabbing it later')]),
    (r, c) => plain([say(c.next(), `Reading recommendation: <https://blog.example.com/${r.pick(['boring-tech', 'on-call-health', 'writing-docs'])}|${r.pick(['Choose boring technology', 'Sustainable on-call', 'Docs people actually read'])}>`)]),
    (r, c) => plain([say(c.next(), `The office is closed ${r.pick(['Saturday morning', 'Sunday'])} for cleaning, R&amp;D lab included.`)]),
];
const engPlatform = [
    (r, c) => { const a = c.next(), b = c.next(); const svc = r.pick(SERVICES); return thread([say(a, `PR #${r.int(1200, 4800)} (${svc}: ${r.pick(['retry budget for outbound calls', 'drop the legacy v1 endpoints', 'batch inserts for events', 'structured logging'])}) is ready for review, ${mention(b)} could you take a look?`), say(b, 'Looking now'), say(b, 'Left two comments, otherwise LGTM'), say(a, 'Merged 🚢')]); },
    (r, c) => plain([say(c.next(), `Heads up: deploying ${r.pick(SERVICES)} to staging in 10 minutes`)]),
    (r, c) => { const svc = r.pick(SERVICES); return thread([say(c.next(), `${svc} error rate spiked to ${r.int(2, 9)}.${r.int(0, 9)}% around ${r.int(9, 17)}:${r.pick(['05', '20', '40'])} UTC, looking`), say(c.next(), 'It was one bad node, drained it'), say(c.next(), 'Back to normal now')]); },
    (r, c) => { const [slug, title] = r.pick(RUNBOOKS); return thread([say(c.next(), `Does anyone have the runbook for ${title.toLowerCase()}?`), say(c.next(), `<https://wiki.acme-co.dev/runbooks/${slug}|${title}>`), say(c.next(), REPLIES[1])]); },
    (r, c) => thread([say(c.next(), `CI is red on main: flaky test in ${r.pick(SERVICES)} (\`${r.pick(['retries_on_timeout', 'handles_empty_page', 'sorts_by_ts'])}\`)`), say(c.next(), "I'll quarantine it"), say(c.next(), `Fixed properly in #${r.int(1200, 4800)}`)]),
    (r, c) => { const [lib, from, to] = r.pick(LIBS); return plain([say(c.next(), `Bumping ${lib} from ${from} to ${to} across services, shout if something breaks`)]); },
    (r, c, v) => plain([say('deploybot', `Deployed \`${r.pick(SERVICES)}\` ${v.version}.0-rc.${r.int(1, 9)} to ${r.pick(['staging', 'production'])} (build #${r.int(8000, 9999)}), triggered by ${mention(c.next())}`)]),
    (r, c) => thread([say(c.next(), `Load test for ${r.pick(SERVICES)}: ${r.int(8, 40) * 100} rps sustained, CPU at ${r.int(40, 85)}% on 3 pods`), say(c.next(), 'Looks healthy, ship it')]),
    (r, c) => plain([say(c.next(), `Design review for the ${r.pick(['queue', 'search index', 'webhook'])} redesign on Thursday 14:00, doc: <https://docs.acme-co.dev/d/${r.int(100, 999)}|design doc>`)]),
    (r, c) => thread([say(c.next(), 'Can someone approve my access request for the prod read replica?'), say(c.next(), 'Approved'), say(c.next(), REPLIES[r.int(0, 2)])]),
];
const launch = [
    (r, c) => thread([say(c.next(), `Draft of the launch blog post: <https://docs.acme-co.dev/d/${r.int(100, 999)}|Launch blog draft>, comments welcome`), say(c.next(), 'Left a few suggestions on the intro'), say(c.next(), REPLIES[r.int(0, 9)])]),
    (r, c) => plain([say(c.next(), '', { files: [{ name: `landing-v${r.int(2, 6)}.png`, title: 'Landing page mock', filetype: 'png' }] })]),
    (r, c) => thread([say(c.next(), `QA status: ${r.int(3, 25)} open bugs, ${r.int(0, 3)} blockers`), say(c.next(), 'Blockers are all on the onboarding flow, fixes in review')]),
    (r, c) => thread([say(c.next(), `Beta feedback from ${r.pick(CUSTOMERS)}: they love the new ${r.pick(['dashboard', 'export flow', 'search'])} but want ${r.pick(['dark mode', 'CSV import', 'an audit log'])}`), say(c.next(), 'Adding it to the post-launch list')]),
    (r, c) => plain([say(c.next(), `Press list is in the sheet, ${r.int(8, 30)} outlets so far`)]),
    (r, c) => thread([say(c.next(), 'Translations for DE/FR/JA are in review'), say(c.next(), 'JA reviewer is back Monday')]),
    (r, c) => thread([say(c.next(), 'Who is writing the changelog?'), say(c.next(), "I'll take it")]),
];
const support = [
    (r, c) => thread([say(c.next(), `${r.pick(CUSTOMERS)} reports: ${r.pick(ISSUES)} (SUP-${r.int(1000, 9999)})`), say(c.next(), 'Can you get a HAR file?'), say(c.next(), 'Reproduced, filing a bug'), say(c.next(), 'Fix deployed this morning, customer confirmed')]),
    (r, c) => plain([say(c.next(), `Macro for "${r.pick(['refund request', 'SSO setup', 'data export'])}" updated in Zendesk`)]),
    (r, c) => plain([say(c.next(), `Queue is at ${r.int(12, 80)} open tickets, oldest is ${r.int(2, 30)}h`)]),
    (r, c) => plain([say(c.next(), `Weekly CSAT: ${r.int(86, 98)}% (${r.int(40, 140)} responses)`)]),
    (r, c) => { const a = c.next(), b = c.next(); return thread([say(a, `Can someone from eng look at SUP-${r.int(1000, 9999)}? ${r.pick(CUSTOMERS)} can't ${r.pick(['download invoices', 'invite teammates', 'connect Slack'])}`), say(b, `${mention(c.next())} is on it`)]); },
];
const leadership = [
    (r, c) => plain([say(c.next(), 'Board deck draft is in the drive, comments by Thursday', { files: [{ name: `board-deck-q${r.int(1, 2)}.pdf`, title: 'Board deck', filetype: 'pdf' }] })]),
    (r, c) => thread([say(c.next(), `Hiring update: ${r.int(2, 6)} offers out, ${r.int(0, 2)} accepted`), say(c.next(), REPLIES[r.int(0, 9)])]),
    (r, c) => plain([say(c.next(), 'Pipeline review Thursday, please update your forecasts before')]),
    (r, c) => thread([say(c.next(), `Let's cover ${r.pick(['the hiring plan', 'the EU expansion', 'pricing experiments'])} in Monday's staff meeting`), say(c.next(), 'Added to the agenda')]),
];
const SCRIPTS = { general, 'eng-platform': engPlatform, launch, support, leadership };
/** One conversation of chatter in a channel, cut to at most `maxMessages`. */
export function chatter(random, channel, at, v, maxMessages) {
    const script = random.pick(SCRIPTS[channel.name]);
    const { messages, threaded } = script(random, new Cast(random, channel.members), v);
    // Now and then somebody chimes in late; the cut keeps the total message count exact.
    if (random.chance(0.15) && messages.length < maxMessages)
        messages.push(say(new Cast(random, channel.members).next(), random.pick(REPLIES)));
    return { channel: channel.name, at, threaded, messages: messages.slice(0, Math.max(1, maxMessages)) };
}
/** Channel names by their share of chatter. */
export function chatterWeights(channels) {
    return channels.map((channel) => [channel, channel.chatterWeight]);
}

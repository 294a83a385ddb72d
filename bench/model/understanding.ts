/**
 * The fake model's "understanding": what a sentence is about (a subject and an attribute: the
 * launch's date, billing's previous owner, the Pro plan's price) by its own rules, a small
 * lexicon of the team's vocabulary. The same rules read every question it is asked (warm, cold,
 * a check, a pass's own wordings) and every line of material it is shown (messages, notes,
 * prepared answers); it never sees which path is asking, nor the question set. It reads every
 * wording in the eval set correctly: perfect comprehension is the assumption here, and what a
 * real model gets wrong is what `mull eval` measures.
 */

export type AttributeId = 'proposed' | 'previous' | 'next' | 'approver' | 'p99' | 'p95' | 'date' | 'owner' | 'price' | 'count' | 'window' | 'address';

interface Attribute {
  cues: readonly string[];
  /** How the fake's own questions ask for it (`{n}`: the subject's name). */
  asks: readonly string[];
  /** The same attribute in another time frame: a look-alike it writes for any subject. */
  past: string;
}

/** Cues are matched as whole words (a cue ending in `*` as a word start), lower case. */
const Attributes: Record<AttributeId, Attribute> = {
  proposed: { cues: ['first proposed', 'originally', 'proposed', 'pitch'], asks: ['What was the original proposal for the {n}?', 'Which date was suggested first for the {n}?', 'What was the earliest date floated for the {n}?', 'Initially, when was the {n} meant to be?'], past: 'When was the {n} rescheduled to?' },
  previous: { cues: ['before', 'used to', 'previously', 'former'], asks: ['Who had {n} earlier?', 'Who was responsible for {n} in the past?', 'Who looked after {n} previously?', 'Which person had {n} until the change?'], past: 'Who will have {n} next?' },
  next: { cues: ['next week', 'after this week', 'next'], asks: ['Who has {n} duty after the current person?', 'Who is up for {n} following this one?', 'Whose turn is {n} after this rotation?', 'Who covers {n} in the coming rotation?'], past: 'Who had {n} duty last time?' },
  approver: { cues: ['approve', 'approval', 'sign-off', 'sign off', 'signs off'], asks: ['Who gives approval for large {n}?', 'Whose approval do {n} require?', 'Which person okays {n} above the limit?', 'Who must agree before big {n} go out?'], past: 'Who used to approve {n}?' },
  p99: { cues: ['p99', '99th'], asks: ['What is the {n} tail latency at the 99th?', 'What p99 does {n} have?', 'How high is the {n} p99?', 'Where does {n} sit at p99?'], past: 'What was the {n} p99 last month?' },
  p95: { cues: ['p95', '95th'], asks: ['What is the current {n} p95?', 'What p95 does {n} have now?', 'Where is {n} at p95 these days?', 'How quick is {n} at p95?'], past: 'What was the {n} p95 before?' },
  date: {
    cues: ['when', 'date', 'dates', 'day', 'days', 'lands', 'window', 'postpon*', 'scheduled', 'happen*', 'go-live', 'closes', 'close', 'upgraded', 'time', 'moves to'],
    asks: ['When does the {n} take place?', 'On which date is the {n}?', 'What is the current date for the {n}?', 'When is the {n} planned for?', 'Do we have a date for the {n}?'],
    past: 'When was the {n} last year?',
  },
  owner: {
    cues: ['who', 'whom', 'owns', 'owner', 'in charge', 'handles', 'moved to', 'designing', 'design', 'has the pager', 'taking the pager', 'on call', 'responsible'],
    asks: ['Who is responsible for {n}?', 'Who currently looks after {n}?', 'Which person or team has {n}?', 'Who is the owner of {n}?', 'Who do I go to about {n}?'],
    past: 'Who was responsible for {n} before?',
  },
  price: { cues: ['how much', 'price', 'cost', 'costs', 'charge'], asks: ['What is the price of the {n}?', 'How much does the {n} cost per seat?', 'What do customers pay for the {n}?', 'What is the monthly seat price of the {n}?'], past: 'What did the {n} cost last year?' },
  count: { cues: ['how many', 'count', 'signups', 'signed up', 'how big', 'number'], asks: ['What is the number of {n}?', 'How many {n} do we have?', 'What is the latest {n} figure?', 'Where are the {n} at now?'], past: 'How many {n} did we have a month ago?' },
  window: { cues: ['how long', 'window', 'within', 'until when'], asks: ['What is the time limit for {n}?', 'How many days are allowed for {n}?', 'What is the deadline for {n} after purchase?', 'How long is the period for {n}?'], past: 'What was the time limit for {n} before?' },
  address: { cues: ['address', 'where', 'street', 'located'], asks: ['What is the location of the {n}?', 'At which address is the {n}?', 'Where can I find the {n}?', 'What street is the {n} on?'], past: 'Where was the {n} before the move?' },
};

interface Subject {
  id: string;
  /** How the fake names it in its own writing. */
  name: string;
  cues: readonly string[];
  /** Attributes it has, most specific first; the last is what a bare question about it asks. */
  attributes: readonly AttributeId[];
}

/** Most specific first: the first subject with a cue in the text is the one it is about. */
const Subjects: readonly Subject[] = [
  { id: 'launch-party', name: 'v2 launch party', cues: ['launch party', 'celebration', 'party'], attributes: ['date'] },
  { id: 'waitlist', name: 'enterprise waitlist', cues: ['waitlist'], attributes: ['count'] },
  { id: 'beta', name: 'beta signups', cues: ['beta', 'signups', 'signed up'], attributes: ['count'] },
  { id: 'launch', name: 'v2 launch', cues: ['launch', 'v2', 'go-live', 'ship', 'shipping', 'release', 'new version'], attributes: ['proposed', 'date'] },
  { id: 'billing-dashboard', name: 'billing dashboard design', cues: ['billing dashboard', 'dashboard'], attributes: ['owner'] },
  { id: 'billing', name: 'billing', cues: ['billing', 'invoice', 'invoices'], attributes: ['previous', 'owner'] },
  { id: 'enterprise', name: 'Enterprise plan', cues: ['enterprise'], attributes: ['price'] },
  { id: 'pro', name: 'Pro plan', cues: ['pro'], attributes: ['price'] },
  { id: 'refunds', name: 'refunds', cues: ['refund', 'refunds', 'money back'], attributes: ['approver', 'window'] },
  { id: 'oncall', name: 'on-call', cues: ['on-call', 'on call', 'pager', 'page'], attributes: ['next', 'owner'] },
  { id: 'staging', name: 'staging database upgrade', cues: ['staging'], attributes: ['date'] },
  { id: 'postgres', name: 'production Postgres upgrade', cues: ['postgres', 'database upgrade', 'db upgrade', 'database', 'maintenance window'], attributes: ['date'] },
  { id: 'checkout', name: 'checkout', cues: ['checkout'], attributes: ['p99', 'p95'] },
  { id: 'allhands', name: 'all-hands meeting', cues: ['all-hands', 'all hands', 'town hall', 'company meeting'], attributes: ['date'] },
  { id: 'offsite', name: 'team offsite', cues: ['offsite', 'retreat'], attributes: ['date'] },
  { id: 'old-office', name: 'old office closing', cues: ['old office'], attributes: ['date'] },
  { id: 'office', name: 'office', cues: ['office'], attributes: ['address'] },
];

export interface Meaning {
  subject: string;
  attribute: AttributeId;
  /** `subject/attribute`: two texts mean the same thing when their keys are equal. */
  key: string;
}

const patterns = new Map<string, RegExp>();
function has(text: string, cue: string): boolean {
  let re = patterns.get(cue);
  if (!re) {
    const body = cue.endsWith('*') ? `${escape(cue.slice(0, -1))}` : `${escape(cue)}\\b`;
    re = new RegExp(`(^|[^a-z0-9])${body}`);
    patterns.set(cue, re);
  }
  return re.test(text);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a statement carries a value at all: a number (not a name like "v2"), a month or weekday, a status, a team. */
const VALUE = /(^|[^a-z0-9])[$]?\d|\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|indefinitely|cancelled|on hold|team)\b/;

/** What a question asks: its subject, and the attribute it names (else the subject's plain one). */
export function understandQuestion(text: string): Meaning | null {
  const lower = text.toLowerCase();
  const subject = Subjects.find((s) => s.cues.some((cue) => has(lower, cue)));
  if (!subject) return null;
  const attribute = subject.attributes.find((a) => Attributes[a].cues.some((cue) => has(lower, cue))) ?? subject.attributes.at(-1)!;
  return meaning(subject, attribute);
}

/**
 * What a statement states: a line that is not a question, names a subject, and either names one
 * of its attributes or carries a value (then it states the plain one). Chatter that only mentions
 * a subject ("billing tickets are piling up") states nothing.
 */
export function understandStatement(text: string): Meaning | null {
  if (text.includes('?')) return null;
  const lower = text.toLowerCase();
  const subject = Subjects.find((s) => s.cues.some((cue) => has(lower, cue)));
  if (!subject) return null;
  const named = subject.attributes.find((a) => Attributes[a].cues.some((cue) => has(lower, cue)));
  if (named) return meaning(subject, named);
  return VALUE.test(lower) ? meaning(subject, subject.attributes.at(-1)!) : null;
}

function meaning(subject: Subject, attribute: AttributeId): Meaning {
  return { subject: subject.id, attribute, key: `${subject.id}/${attribute}` };
}

/** How the fake's pass writes about a meaning, in its own words. */
export interface OwnWording {
  question: string;
  subject: string;
  paraphrases: string[];
  lookalikes: string[];
}

export function ownWording(m: Meaning): OwnWording {
  const subject = Subjects.find((s) => s.id === m.subject)!;
  const fill = (template: string, s: Subject = subject) => template.replace('{n}', s.name);
  const [question, ...paraphrases] = Attributes[m.attribute].asks.map((t) => fill(t));
  // Look-alikes: the subject's other attributes, and the same attribute of subjects whose names
  // share a word with this one (the launch party for the launch, the Enterprise plan for Pro).
  const words = new Set(subject.name.toLowerCase().split(' '));
  const siblings = Subjects.filter((s) => s.id !== subject.id && (s.name.toLowerCase().split(' ').some((w) => words.has(w) && w.length > 2) || sameFamily(s, subject)));
  const lookalikes = [
    ...subject.attributes.filter((a) => a !== m.attribute).map((a) => fill(Attributes[a].asks[0]!)),
    ...siblings.filter((s) => s.attributes.includes(m.attribute)).map((s) => fill(Attributes[m.attribute].asks[0]!, s)),
    fill(Attributes[m.attribute].past),
  ].slice(0, 4);
  return { question: question!, subject: `${subject.name} ${m.attribute === 'owner' ? 'owner' : m.attribute}`, paraphrases, lookalikes };
}

/** Plans are look-alikes of each other, as are the two offices. */
function sameFamily(a: Subject, b: Subject): boolean {
  const families = [['pro', 'enterprise'], ['office', 'old-office'], ['postgres', 'staging'], ['launch', 'launch-party']];
  return families.some((f) => f.includes(a.id) && f.includes(b.id));
}

/** Every wording the fake's passes can write (for the test that keeps them apart from the question set). */
export function everyOwnWording(): string[] {
  const out: string[] = [];
  for (const subject of Subjects) {
    for (const attribute of subject.attributes) {
      const w = ownWording(meaning(subject, attribute));
      out.push(w.question, ...w.paraphrases, ...w.lookalikes);
    }
  }
  return out;
}

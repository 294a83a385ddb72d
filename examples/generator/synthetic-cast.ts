/**
 * The people, bots and channels of the synthetic "Acme" team. Fixed across seeds, so tests and
 * benchmarks can name them; the seed varies what they say (dates, owners, numbers).
 */

export const SyntheticTeam = { id: 'T05ACME42', name: 'Acme', domain: 'acme-co' } as const;

export interface SyntheticPerson {
  /** Key used by the generator's scripts. */
  key: string;
  id: string;
  /** Slack handle (users.json `name`). */
  handle: string;
  realName: string;
  /** Empty for people who never set one: importers must fall back to the real name. */
  displayName: string;
  title: string;
}

const person = (key: string, realName: string, displayName: string, title: string): SyntheticPerson => ({
  key,
  id: `U05${key.toUpperCase().padEnd(7, '0').slice(0, 7)}`,
  handle: realName.toLowerCase().replace(/[^a-z]+/g, '.'),
  realName,
  displayName,
  title,
});

export const People: readonly SyntheticPerson[] = [
  person('daniel', 'Daniel Novak', 'Daniel', 'CEO'),
  person('grace', 'Grace Kim', 'Grace', 'CFO'),
  person('priya', 'Priya Raman', 'Priya', 'Head of Platform'),
  person('sofia', 'Sofia Alvarez', 'Sofia', 'Product Manager, Launch'),
  person('marcus', 'Marcus Chen', '', 'Backend Engineer'),
  person('ravi', 'Ravi Patel', 'Ravi', 'Backend Engineer'),
  person('tom', 'Tom Becker', 'Tom (SRE)', 'Site Reliability Engineer'),
  person('jonas', 'Jonas Lindqvist', 'Jonas', 'Frontend Engineer'),
  person('mei', 'Mei Tanaka', 'Mei', 'Product Designer'),
  person('aisha', 'Aisha Okafor', 'Aisha', 'Support Lead'),
  person('omar', 'Omar Haddad', '', 'Support Engineer'),
  person('lena', 'Lena Fischer', 'Lena', 'Marketing Lead'),
];

export interface SyntheticBot {
  key: string;
  /** The bot's user in users.json (`is_bot`). */
  userId: string;
  /** `bot_id` on its messages. */
  botId: string;
  username: string;
}

export const Bots: readonly SyntheticBot[] = [
  { key: 'deploybot', userId: 'U05DEPLOYB', botId: 'B05DEPLOY1', username: 'deploybot' },
  { key: 'pagerbot', userId: 'U05PAGERBT', botId: 'B05PAGER01', username: 'PagerDuty' },
];

export interface SyntheticChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  purpose: string;
  /** Person keys. */
  members: readonly string[];
  /** Share of the everyday chatter that lands here. */
  chatterWeight: number;
}

const everyone = People.map((p) => p.key);

export const Channels: readonly SyntheticChannel[] = [
  { id: 'C05GENERAL', name: 'general', isPrivate: false, purpose: 'Company-wide announcements and chatter', members: everyone, chatterWeight: 0.2 },
  {
    id: 'C05ENGPLAT',
    name: 'eng-platform',
    isPrivate: false,
    purpose: 'Platform engineering: services, deploys, incidents, on-call',
    members: ['priya', 'marcus', 'ravi', 'tom', 'jonas', 'sofia'],
    chatterWeight: 0.33,
  },
  {
    id: 'C05LAUNCH1',
    name: 'launch',
    isPrivate: false,
    purpose: 'Everything about the next release: dates, pricing, launch comms',
    members: ['sofia', 'lena', 'mei', 'jonas', 'marcus', 'priya', 'daniel', 'grace'],
    chatterWeight: 0.17,
  },
  {
    id: 'C05SUPPORT',
    name: 'support',
    isPrivate: false,
    purpose: 'Customer issues, escalations, SLAs',
    members: ['aisha', 'omar', 'marcus', 'ravi', 'tom', 'sofia'],
    chatterWeight: 0.22,
  },
  {
    id: 'C05LEADERS',
    name: 'leadership',
    isPrivate: true,
    purpose: 'Leadership team (private)',
    members: ['daniel', 'grace', 'priya', 'sofia'],
    chatterWeight: 0.08,
  },
];

export function personByKey(key: string): SyntheticPerson {
  const found = People.find((p) => p.key === key);
  if (!found) throw new RangeError(`no synthetic person ${key}`);
  return found;
}

export function channelByName(name: string): SyntheticChannel {
  const found = Channels.find((c) => c.name === name);
  if (!found) throw new RangeError(`no synthetic channel ${name}`);
  return found;
}

/** Slack markup for a mention of a person: `<@U05PRIYA00>`. */
export function mention(key: string): string {
  return `<@${personByKey(key).id}>`;
}

/** The name an importer shows for a person (display name, else real name). */
export function shownName(key: string): string {
  const p = personByKey(key);
  return p.displayName || p.realName;
}

/** First name, as ground-truth keywords use it (matches display and real names alike). */
export function firstName(key: string): string {
  return personByKey(key).realName.split(' ')[0];
}

/**
 * Finding the parts of Mull's requests by their headings (answer/prompts.ts, sleep/prompts.ts, the
 * verified path's check): `# Question`, `# Prepared question`, … A section runs to the next heading.
 * Quoting tags (`<channel_material>`) are dropped.
 */
function sections(text: string): { heading: string; body: string }[] {
  const out: { heading: string; body: string }[] = [];
  let current: { heading: string; lines: string[] } | null = null;
  for (const line of text.split('\n')) {
    const heading = /^#{1,3} (.+)$/.exec(line);
    if (heading) {
      if (current) out.push({ heading: current.heading, body: current.lines.join('\n').trim() });
      current = { heading: heading[1]!.trim(), lines: [] };
    } else if (current && !/^<\/?channel_material>$/.test(line.trim())) current.lines.push(line);
  }
  if (current) out.push({ heading: current.heading, body: current.lines.join('\n').trim() });
  return out;
}

function section(text: string, heading: RegExp, last = false): string {
  const found = sections(text).filter((s) => heading.test(s.heading));
  return (last ? found.at(-1) : found[0])?.body ?? '';
}

/** The question of an answer prompt: the last `# Question` section. */
export function askedQuestion(user: string): string {
  return section(user, /^(the )?question\b/i, true);
}

/**
 * The verified path's check (answer/check-prompts.ts): `# Prepared in #channel` holds `Q: …` and
 * `A: … [m1]`; then `# Newer messages on its subject` and `# Question asked now`.
 */
export function checkParts(user: string): { question: string; preparedQuestion: string; preparedAnswer: string; newer: string } {
  const prepared = section(user, /^prepared\b/i).split('\n');
  const line = (prefix: string) => prepared.find((l) => l.startsWith(prefix))?.slice(prefix.length).trim() ?? '';
  return {
    question: section(user, /^(the )?question\b/i, true),
    preparedQuestion: line('Q: '),
    preparedAnswer: line('A: '),
    newer: section(user, /^newer\b/i),
  };
}

/** The judge's request: the gold answer and the answer to grade. */
export function judgeParts(user: string): { gold: string; answer: string } {
  return { gold: section(user, /gold|reference/i), answer: section(user, /^(the )?answer\b/i, true) };
}

/** How many anticipated questions a pass is asked for ("up to 12 anticipated questions"). */
export function questionTarget(user: string): number {
  const match = /up to (\d+) anticipated questions/.exec(user);
  return match ? Number(match[1]) : 12;
}

/** Questions people asked, as a pass prompt lists them. */
export function askedInChannel(user: string): string[] {
  return section(user, /questions people/i)
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2));
}

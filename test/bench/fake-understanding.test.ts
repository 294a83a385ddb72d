/**
 * Keeps the benchmark's fake model honest about what it is: a reader with its own rules, not a
 * copy of the question set. Its passes never write a wording the set asks; chatter states nothing;
 * it reads every held-out question as asking for its fact (the perfect-comprehension assumption,
 * stated in the report) and every look-alike as asking for something else.
 */
import { describe, expect, it } from 'vitest';
import { generateDataset, ShippedDatasets } from '../../examples/eval/generate.js';
import { PlantedFacts } from '../../examples/eval/facts.js';
import { writeCompletion } from '../../bench/model/completion.js';
import { KnowledgeBook } from '../../bench/model/knowledge.js';
import { statementsIn } from '../../bench/model/material.js';
import { everyOwnWording, understandQuestion, understandStatement } from '../../bench/model/understanding.js';

const normal = (text: string) => text.toLowerCase().replace(/[^a-z0-9$]+/g, ' ').trim();

describe('the fake model', () => {
  it('never writes, as a pass, a wording the question set asks', () => {
    const own = new Set(everyOwnWording().map(normal));
    const asked = PlantedFacts.flatMap((f) => f.questions);
    expect(asked.length).toBeGreaterThanOrEqual(50);
    expect(asked.filter((q) => own.has(normal(q)))).toEqual([]);
  });

  it('reads no statement into chatter, and exactly one into each planted message', () => {
    const dataset = generateDataset({ ...ShippedDatasets['channel-qa'], chatterPerChannel: 2_000 });
    const planted = new Set(PlantedFacts.flatMap((f) => [...f.history.map((h) => h.text), ...(f.after ? [f.after.text] : [])]));
    for (const channel of dataset.channels) {
      for (const m of channel.messages) {
        const meaning = understandStatement(m.text);
        if (planted.has(m.text)) expect(meaning, m.text).not.toBeNull();
        else expect(meaning, m.text).toBeNull();
      }
    }
  });

  it('reads every held-out wording as asking for its fact, and the fact\'s messages as stating it', () => {
    for (const fact of PlantedFacts) {
      const stated = understandStatement(fact.history.at(-1)!.text)!.key;
      if (fact.after) expect(understandStatement(fact.after.text)!.key, fact.after.text).toBe(stated);
      for (const q of fact.questions) expect(understandQuestion(q)?.key, q).toBe(stated);
    }
    // Look-alikes ask for something else than every other fact of their channel.
    const keys = PlantedFacts.map((f) => understandStatement(f.history.at(-1)!.text)!.key);
    expect(new Set(keys).size).toBe(PlantedFacts.length);
  });

  it('answers the same way whichever path asks: the newest statement in the prompt, or not covered', () => {
    const book = new KnowledgeBook();
    const material = [
      '[m1] 2025-01-10 10:17 priya: Tentative plan: the v2 launch lands on February 24.',
      '[m2] 2025-01-24 10:17 priya: Update on v2: the launch date is now March 3, marketing is aligned.',
      '[m3] 2025-01-26 10:17 tom: Launch party for v2 is booked: March 14 at the Foundry rooftop.',
    ].join('\n');
    const ask = (question: string, framing: string) =>
      JSON.parse(writeCompletion({ system: 'instructions', user: `${framing}\n${material}\n\n# Question\n${question}`, schemaName: 'answer' }, book));
    for (const framing of ['# Messages since the last pass', '# Older messages that may be relevant']) {
      expect(ask('When are we shipping v2?', framing)).toMatchObject({ covered: true, citations: ['m2'] });
      expect(ask('When are we shipping v2?', framing).answer).toContain('March 3');
      expect(ask('What day is the launch celebration?', framing).answer).toContain('March 14');
      expect(ask('Who owns billing?', framing)).toMatchObject({ covered: false, citations: [] });
    }
  });

  it('checks: a look-alike is not the same question; newer messages amend; nothing newer keeps it', () => {
    const check = (question: string, newer: string) =>
      JSON.parse(writeCompletion({
        system: 'instructions',
        user: `# Prepared in #billing\nQ: Who is responsible for billing?\nA: Org change: Dana owns billing from now on. (said 2025-01-14 10:17) [m1]\n\n# Newer messages on its subject\n${newer}\n\n# Question asked now\n${question}`,
        schemaName: 'answer_check',
      }, new KnowledgeBook()));
    expect(check("Who's in charge of billing?", '(none)')).toMatchObject({ asks_same: true, still_true: true, answer: '' });
    expect(check('Who owned billing before Dana?', '(none)')).toMatchObject({ asks_same: false });
    const moved = check("Who's in charge of billing?", '[m2] 2025-02-15 09:15 kim: Billing moved to the finance team as of today.');
    expect(moved).toMatchObject({ asks_same: true, still_true: false, citations: ['m2'] });
    expect(moved.answer).toContain('finance team');
  });

  it('writes a pass from the material only: a note and a prepared question per thing stated, up to the number asked for', () => {
    const user = [
      'Channel: #billing. Now: 2025-02-16 09:00 UTC.',
      '# New messages since then',
      '[m1] 2025-01-10 10:17 leo: Pricing is final: Pro is $12 per seat per month.',
      '[m2] 2025-01-10 11:17 leo: Enterprise is $40 per seat per month, annual contracts only.',
      '[m3] 2025-01-11 09:00 kim: Billing tickets are piling up again.',
      '# Task\nReturn the complete rewritten learned context: a summary, the notes, and up to 1 anticipated questions with answers.',
    ].join('\n');
    const pass = JSON.parse(writeCompletion({ system: 'instructions', user, schemaName: 'learned_context' }, new KnowledgeBook()));
    // A note per fact stated, and one on the other thing said.
    expect(pass.notes.map((n: { kind: string; citations: string[] }) => [n.kind, n.citations])).toEqual([['number', ['m1']], ['number', ['m2']], ['fact', ['m3']]]);
    expect(pass.notes[2].text).toBe('kim said: Billing tickets are piling up again.');
    expect(pass.questions).toHaveLength(1);
    const [q] = pass.questions;
    expect(q.paraphrases.length).toBeGreaterThanOrEqual(3);
    expect(q.lookalikes.length).toBeGreaterThanOrEqual(2);
    expect(statementsIn(`- (n1, number) ${q.answer} [m2]`)[0]?.key).toBe(understandQuestion(q.question)?.key);
  });
});

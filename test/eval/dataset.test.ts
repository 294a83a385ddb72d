import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDataset, ShippedDatasets } from '../../examples/eval/generate.js';
import { PlantedFacts } from '../../examples/eval/facts.js';
import { datasetToJsonl, parseDataset } from '../../src/eval/dataset.js';
import { MullError } from '../../src/core/errors.js';

const Shipped = join(import.meta.dirname, '..', '..', 'examples', 'eval');

describe('the eval dataset', () => {
  it('ships exactly what the generator writes (regenerate with bench/write-eval-dataset.ts)', async () => {
    for (const [name, options] of Object.entries(ShippedDatasets)) {
      const shipped = await readFile(join(Shipped, `${name}.jsonl`), 'utf8');
      expect(shipped, name).toBe(datasetToJsonl(generateDataset(options)));
      expect(parseDataset(shipped, name)).toEqual(generateDataset(options));
    }
  });

  it('asks every unchanged fact at least three ways, has look-alikes with their own answers, and changes after the pass, some without numbers', () => {
    const dataset = generateDataset(ShippedDatasets['channel-qa']);
    const byFact = new Map<string, number>();
    for (const q of dataset.questions) byFact.set(q.fact, (byFact.get(q.fact) ?? 0) + 1);
    for (const fact of PlantedFacts.filter((f) => f.kind === 'paraphrase')) expect(byFact.get(fact.id), fact.id).toBeGreaterThanOrEqual(3);
    const lookalikes = dataset.questions.filter((q) => q.kind === 'lookalike');
    expect(lookalikes.length).toBeGreaterThanOrEqual(15);
    const changed = PlantedFacts.filter((f) => f.kind === 'changed');
    expect(changed.filter((f) => !/\d/.test(f.after!.text)).length).toBeGreaterThanOrEqual(2);
    // The changes arrive after the pass, and after every message of the history.
    for (const channel of dataset.channels) {
      const lastHistory = Math.max(...channel.messages.filter((m) => !m.afterPass).map((m) => m.ts));
      for (const m of channel.messages.filter((m) => m.afterPass)) expect(m.ts).toBeGreaterThan(lastHistory);
    }
    for (const q of dataset.questions.filter((q) => q.kind === 'changed')) expect(q.stale.length).toBeGreaterThan(0);
  });

  it('is the same on every run (seeded)', () => {
    expect(generateDataset({ chatterPerChannel: 300, chatterAfterPass: 4, seed: 11 })).toEqual(generateDataset({ chatterPerChannel: 300, chatterAfterPass: 4, seed: 11 }));
    expect(generateDataset({ chatterPerChannel: 300, chatterAfterPass: 4, seed: 11 })).not.toEqual(generateDataset({ chatterPerChannel: 300, chatterAfterPass: 4, seed: 12 }));
  });

  it('reads users\' own JSONL: defaults, epoch or ISO times, comments and blank lines', () => {
    const dataset = parseDataset([
      '// our #support channel',
      '{"type":"channel","channel":"support","name":"support-team"}',
      '{"type":"message","channel":"support","id":"a","ts":1736150400000,"user":"ann","text":"SLA for Enterprise is 4 business hours."}',
      '',
      '{"type":"message","channel":"support","id":"b","ts":"2025-01-07T09:00:00Z","user":"bo","text":"SLA is now 2 business hours.","after_pass":true}',
      '{"type":"question","id":"q1","channel":"support","text":"What is the Enterprise SLA?","gold":"2 business hours"}',
    ].join('\n'));
    expect(dataset.channels).toEqual([{ id: 'support', name: 'support-team', messages: [
      { id: 'a', ts: 1736150400000, user: 'ann', text: 'SLA for Enterprise is 4 business hours.', threadId: undefined, afterPass: false },
      { id: 'b', ts: Date.parse('2025-01-07T09:00:00Z'), user: 'bo', text: 'SLA is now 2 business hours.', threadId: undefined, afterPass: true },
    ] }]);
    expect(dataset.questions[0]).toMatchObject({ mustContain: ['2 business hours'], forbidden: [], stale: [], kind: 'other', fact: 'q1' });
  });

  it('refuses bad input with the line and what is wrong', () => {
    const fails = (text: string) => {
      try {
        parseDataset(text, 'mine.jsonl');
      } catch (error) {
        expect(error).toBeInstanceOf(MullError);
        return (error as Error).message;
      }
      throw new Error('parsed');
    };
    const message = '{"type":"message","channel":"c","id":"1","ts":"2025-01-01T00:00:00Z","user":"u","text":"hi"}';
    expect(fails(`${message}\n{oops`)).toBe('mine.jsonl:2: not JSON');
    expect(fails(`${message}\n{"type":"message","channel":"c","id":"2","ts":"yesterday","user":"u","text":"x"}`)).toMatch(/^mine\.jsonl:2: ts: /);
    expect(fails(`${message}\n${message}`)).toBe('mine.jsonl:2: message 1 appears twice in channel c');
    expect(fails(`${message}\n{"type":"question","id":"q","channel":"other","text":"x?","gold":"y"}`)).toBe('mine.jsonl: question q asks about channel other, which has no messages');
    expect(fails(message)).toBe('mine.jsonl: no questions');
    expect(fails('{"type":"note"}')).toMatch(/^mine\.jsonl:1: type: /);
  });
});

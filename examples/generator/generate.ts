#!/usr/bin/env node
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeExample } from './synthetic-export.js';
import { DefaultSyntheticOptions, generateWorkspace } from './synthetic-workspace.js';

/**
 * Writes the synthetic example workspace as a Slack export plus its ground truth:
 *   node examples/generator/.build/examples/generator/generate.js (npm run examples) [--messages N] [--seed S] [--out DIR]
 * Defaults: 400 messages, seed 42, examples/acme. Same arguments, same bytes.
 */

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: String(DefaultSyntheticOptions.messages) },
      seed: { type: 'string', default: String(DefaultSyntheticOptions.seed) },
      out: { type: 'string', default: join('examples', 'acme') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: generate [--messages N] [--seed S] [--out DIR]\n');
    return;
  }
  const ws = generateWorkspace({ messages: Number(values.messages), seed: Number(values.seed) });
  const { files } = await writeExample(ws, values.out);
  process.stdout.write(`wrote ${ws.messageCount} messages in ${files} files to ${values.out} (seed ${ws.seed}, ${ws.facts.length} planted facts)\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

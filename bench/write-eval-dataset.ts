#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetToJsonl } from '../src/eval/dataset.js';
import { generateDataset, ShippedDatasets } from '../examples/eval/generate.js';

/**
 * Writes the shipped eval datasets (examples/eval/*.jsonl) from their generator:
 * `npx tsc -p bench/tsconfig.json && node bench/.build/bench/write-eval-dataset.js`.
 * test/eval/dataset.test.ts fails when a shipped file and the generator disagree.
 */
for (const [name, options] of Object.entries(ShippedDatasets)) {
  const path = join('examples', 'eval', `${name}.jsonl`);
  await writeFile(path, datasetToJsonl(generateDataset(options)));
  process.stderr.write(`wrote ${path}\n`);
}

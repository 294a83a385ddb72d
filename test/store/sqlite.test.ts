import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe } from 'vitest';
import { storeSuite } from './store-suite.js';

const folder = mkdtempSync(path.join(tmpdir(), 'mull-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('SQLite store', () => {
  storeSuite({ backend: 'sqlite', url: `sqlite://${path.join(folder, 'suite.sqlite')}`, shared: true });
});

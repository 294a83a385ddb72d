import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe } from 'vitest';
import { storeSuite } from './store-suite.js';

const folder = mkdtempSync(path.join(tmpdir(), 'mull-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

describe('SQLite store', () => {
  storeSuite({ backend: 'sqlite', freshUrl: () => `sqlite://${path.join(folder, `suite-${++files}.sqlite`)}`, shared: true });
});

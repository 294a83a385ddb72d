import { describe } from 'vitest';
import { storeSuite } from './store-suite.js';

describe('memory store', () => {
  storeSuite({ backend: 'memory', freshUrl: () => 'memory://', shared: false });
});

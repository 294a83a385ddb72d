import { coordinationSuite } from './coordination-suite.js';
import { messageSuite } from './message-suite.js';
import { recordsSuite } from './records-suite.js';
import { searchSuite } from './search-suite.js';
import type { StoreTarget } from './suite-harness.js';

export type { StoreTarget } from './suite-harness.js';

/**
 * The behaviour every backend must share: each backend's test file calls this once inside its
 * describe block, so SQLite, PostgreSQL and memory run exactly the same assertions.
 */
export function storeSuite(target: StoreTarget): void {
  recordsSuite(target);
  messageSuite(target);
  coordinationSuite(target);
  searchSuite(target);
}

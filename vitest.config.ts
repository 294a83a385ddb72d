import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A temp folder per run; the run fails if a test leaves anything in it.
    globalSetup: ['test/temp-folders.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Store suites share Redis and PostgreSQL; each test file uses its own namespace.
    fileParallelism: true,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'packages/**/src/**/*.test.ts', 'tools/**/*.test.ts'],
    // each API test file opens its own database; PGlite is single-threaded WASM, so keep parallelism modest
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

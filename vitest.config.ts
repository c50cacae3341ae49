import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end files each run a real server; two cores take two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});

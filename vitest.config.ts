import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The tests that run `node bin/haven.js` run dist/: it is rebuilt first when a source is newer.
    globalSetup: ['test/helpers/build-dist.ts'],
    // A test that starts `haven serve` processes waits ~10 s for each on a loaded shared machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // End-to-end files each run a real server; two cores take two at a time.
    maxWorkers: 2,
    pool: 'forks',
  },
});

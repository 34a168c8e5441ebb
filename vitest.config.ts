import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The default forks pool keeps `instanceof Float64Array` intact (vmThreads breaks it).
    pool: 'forks',
    // Some tests run whole optimizations or spawn child processes; none asserts on time.
    testTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', 'dashboard/**'],
    // chDB binds one data directory per process: every test file runs in its own forked
    // process and opens its own temporary directory, so files never share an engine.
    pool: 'forks',
    maxWorkers: 2,
    // Generous: a timeout is not a speed assertion (benchmarks measure speed); a shared or slow
    // CI machine must not fail a correct chDB test on the clock.
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});

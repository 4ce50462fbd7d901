import { defineConfig } from 'vitest/config';

/**
 * The dashboard's own tests: data shaping units (src/**\/*.test.ts) and the end-to-end test in a
 * real Chromium against the real product (e2e/*.e2e.test.ts). The root config leaves dashboard/
 * out; `npm test` runs this config after it.
 */
export default defineConfig({
  root: import.meta.dirname,
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.e2e.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});

import { defineConfig } from 'vitest/config';

const deep = process.env.TEST_DEPTH === 'deep';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Slow tiers (processes, wire abuse) only run in `npm run test:deep`: test/support/depth.ts.
    exclude: deep ? [] : ['test/**/*.deep.test.ts'],
    // Golden files are reviewed in diffs: a run never writes them; `npm run test:update` does.
    update: 'none',
    // Parses and compiles the CRD validators once for every worker: test/support/validator-cache.ts.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

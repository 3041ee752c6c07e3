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
    // One module graph per worker, not per file: each file re-importing the SDK, zod, grpc-js
    // and src/ was most of the suite's CPU (import 44 s of 112 s; 4.5 s without). So a test
    // file leaves no global state behind: spies restored, no vi.mock, no process handlers.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

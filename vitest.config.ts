import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Golden files are reviewed in diffs: a run never writes them; `npm run test:update` does.
    update: 'none',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Golden files are reviewed in diffs: CI must never rewrite them.
    update: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

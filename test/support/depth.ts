/**
 * Two test tiers. `npm test` is the quick one (under 30 s): unit, table, golden and short
 * property runs. `npm run test:deep` (TEST_DEPTH=deep) adds the files named
 * `*.deep.test.ts` (spawned processes, wire abuse) and runs every property at full length.
 * Both run in .ci/run.
 */
export const DEEP = process.env.TEST_DEPTH === 'deep';

/** How many runs a property gets: a quick sample by default, the full count when deep. */
export function propertyRuns(quick: number, deep: number): number {
  return DEEP ? deep : quick;
}

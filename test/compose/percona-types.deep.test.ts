import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERCONA_TYPES_PATH, perconaTypes } from '../../scripts/generate-percona-types.js';

describe('the generated Percona types', () => {
  it('match the vendored CRDs (npm run generate rewrites them)', async () => {
    expect(readFileSync(PERCONA_TYPES_PATH, 'utf8')).toBe(await perconaTypes());
  });
});

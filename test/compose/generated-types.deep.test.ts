import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedTypes } from '../../scripts/generate-types.js';

describe('the generated custom-resource types', () => {
  it('match the vendored CRDs (npm run generate rewrites them)', async () => {
    for (const { path, content } of await generatedTypes()) {
      expect(readFileSync(path, 'utf8'), path).toBe(content);
    }
  });
});

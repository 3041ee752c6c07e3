import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { FUNCTION_IMAGE } from '../../src/api/release.js';

const root = new URL('../../', import.meta.url);
const packageJson = z
  .object({ version: z.string() })
  .parse(JSON.parse(readFileSync(new URL('package.json', root), 'utf8')));
const workflow = z
  .object({ env: z.object({ FUNCTION_REPOSITORY: z.string() }) })
  .parse(parse(readFileSync(new URL('.github/workflows/release.yaml', root), 'utf8')));

describe('the function image of this release', () => {
  it('is the repository the release workflow pushes, tagged v<package.json version>', () => {
    expect(FUNCTION_IMAGE).toBe(`${workflow.env.FUNCTION_REPOSITORY}:v${packageJson.version}`);
  });
});

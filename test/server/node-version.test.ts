/**
 * The image runs Node 24, and so must the tests: npm scripts put node_modules/.bin first on
 * PATH, where the `node` devDependency (pinned exactly) provides it. A run on the machine's
 * own Node (`npx vitest` from a shell without npm, say) fails here, by version.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/build/bundle.js';

type PackageJson = {
  readonly engines: Record<string, string>;
  readonly devDependencies: Record<string, string>;
};

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

describe('Node', () => {
  it('runs the tests as the pinned node devDependency, a Node 24, which engines require', () => {
    expect({
      running: process.versions.node,
      major: process.versions.node.split('.')[0],
      engines: pkg.engines.node,
    }).toEqual({ running: pkg.devDependencies.node, major: '24', engines: '>=24' });
  });
});

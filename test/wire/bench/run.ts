/**
 * Runs test/wire/bench/main.ts bundled the way the function is built (esbuild, one minified
 * ESM bundle, names kept), in a fresh Node, so the numbers are those of the served code:
 *
 *   npx tsx test/wire/bench/run.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const REQUIRE_SHIM =
  "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

const dir = mkdtempSync(join(tmpdir(), 'codec-bench-'));
try {
  const bundle = join(dir, 'main.mjs');
  execFileSync(
    join(ROOT, 'node_modules/.bin/esbuild'),
    [
      join(ROOT, 'test/wire/bench/main.ts'),
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--minify',
      '--keep-names',
      '--format=esm',
      `--banner:js=${REQUIRE_SHIM}`,
      `--outfile=${bundle}`,
      '--log-level=warning',
    ],
    { stdio: 'inherit' },
  );
  execFileSync(process.execPath, [bundle, join(ROOT, 'test/golden/compose')], { stdio: 'inherit' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

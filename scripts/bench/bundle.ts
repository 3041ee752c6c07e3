/**
 * The one way entry points are bundled: `npm run build` runs `buildCommand('src/main.ts',
 * 'dist/main.js')` (a test checks package.json says exactly that), and the benchmark's no-op
 * function and the tests' slow function are bundled with the same flags, so they start and
 * serve like the real thing.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/**
 * Bundled CommonJS dependencies call `require` for Node built-ins; an ES module has none, so
 * the bundle defines one.
 */
const REQUIRE_SHIM =
  "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

/** Target Node 20, the oldest `engines` allows; `--keep-names` keeps stack traces readable. */
export const ESBUILD_FLAGS: readonly string[] = [
  '--bundle',
  '--platform=node',
  '--format=esm',
  '--target=node20',
  '--minify',
  '--keep-names',
  '--sourcemap',
  '--log-level=warning',
];

/** The command line as package.json's `build` script spells it. */
export function buildCommand(entry: string, outfile: string): string {
  return [
    'esbuild',
    entry,
    ...ESBUILD_FLAGS,
    `--outfile=${outfile}`,
    `--banner:js="${REQUIRE_SHIM}"`,
  ].join(' ');
}

/**
 * Bundles `entry` (relative to the repository root) into `outfile`. `extraFlags` only for the
 * benchmark's stock-SDK reference, which keeps its packages external like a tsc build.
 */
export function bundle(entry: string, outfile: string, extraFlags: readonly string[] = []): void {
  execFileSync(
    resolve(REPO_ROOT, 'node_modules/.bin/esbuild'),
    [
      entry,
      ...ESBUILD_FLAGS,
      ...extraFlags,
      `--outfile=${resolve(REPO_ROOT, outfile)}`,
      `--banner:js=${REQUIRE_SHIM}`,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * How every program here is bundled: one ES module per entry, every dependency inside, so the
 * image runs it with no node_modules. `npm run build` (scripts/build.ts) bundles PROGRAMS;
 * the benchmark and the tests' slow function are bundled with the same options, so they
 * start and serve like the real thing.
 */
import { buildSync, type BuildOptions } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The programs the image ships, by entry. */
export const PROGRAMS: readonly { readonly entry: string; readonly outfile: string }[] = [
  { entry: 'src/main.ts', outfile: 'dist/main.js' },
  { entry: 'src/configure/main.ts', outfile: 'dist/configure.js' },
];

/**
 * Bundled CommonJS dependencies call `require` for Node built-ins; an ES module has none, so
 * the bundle defines one.
 */
const REQUIRE_SHIM =
  "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

/** Node 24 is what the image and the tests run; `keepNames` keeps stack traces readable. */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  banner: { js: REQUIRE_SHIM },
  minify: true,
  keepNames: true,
  sourcemap: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles `entry` (relative to the repository root) into `outfile`. */
export function bundle(entry: string, outfile: string, extra: BuildOptions = {}): void {
  buildSync({
    ...BUNDLE_OPTIONS,
    ...extra,
    absWorkingDir: REPO_ROOT,
    entryPoints: [resolve(REPO_ROOT, entry)],
    outfile: resolve(REPO_ROOT, outfile),
  });
}

/**
 * Bundles every program into a fresh dist/ (what an earlier build left there, such as files
 * of a former layout, is gone); returns the output files written.
 */
export function buildPrograms(): string[] {
  rmSync(resolve(REPO_ROOT, 'dist'), { recursive: true, force: true });
  const written: string[] = [];
  for (const { entry, outfile } of PROGRAMS) {
    bundle(entry, outfile);
    written.push(outfile);
  }
  return written;
}

/**
 * How every program here is bundled: one ES module per entry, every dependency inside, so the
 * image runs it with no node_modules. `npm run build` (scripts/build.ts) bundles PROGRAMS;
 * the benchmark and the tests' slow function are bundled with the same options, so they
 * start and serve like the real thing.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
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

/**
 * Built-ins our own code imports are loaded with `require` too, when the module importing
 * them first runs. As ES imports they would be hoisted to the bundle's top and each given an
 * ES module facade, which reads every export: for node:http that loads undici (its WebSocket
 * export), some 30 ms of start-up for a module only the metrics listener uses, once serving.
 */
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) =>
      // The require inside the stand-in below is the real built-in.
      args.namespace === 'builtin'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'builtin' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/**
 * Node 24 is what the image and the tests run. Whitespace and syntax are minified, names are
 * not: stack traces stay readable without esbuild's `keepNames`, which renames nothing but
 * defines every function's name at start-up (some 60 ms of it, measured with
 * scripts/bench.ts's cold start).
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  banner: { js: REQUIRE_SHIM },
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [builtinsByRequire],
  sourcemap: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Bundles `entry` (relative to the repository root) into `outfile`. */
export async function bundle(
  entry: string,
  outfile: string,
  extra: BuildOptions = {},
): Promise<void> {
  await build({
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
export async function buildPrograms(): Promise<string[]> {
  rmSync(resolve(REPO_ROOT, 'dist'), { recursive: true, force: true });
  const written: string[] = [];
  for (const { entry, outfile } of PROGRAMS) {
    await bundle(entry, outfile);
    written.push(outfile);
  }
  return written;
}

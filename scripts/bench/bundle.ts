/**
 * The one way entry points are bundled and served. `npm run build` (scripts/build.ts) calls
 * `buildServed(FUNCTION_ENTRY, 'dist')`; the benchmark's no-op function is built by the same
 * call, and the tests' slow function is bundled with the same flags, so they all start and
 * serve like the real thing.
 *
 * A served function is four files in one directory (docs/operations.md, "Build"):
 * - `function.cjs`: the function and every dependency, CommonJS, exporting serve/warmUp;
 * - `main.js`: the launcher (src/main.ts), node built-ins only, which compiles function.cjs
 *   with the V8 code cache below and calls serve();
 * - `make-code-cache.js` (src/launch/make-code-cache.ts): loads function.cjs through the same
 *   loader, runs warmUp() and writes function.cache;
 * - `function.cache`: V8's compiled code of function.cjs after the warm-up, valid only for
 *   the Node binary that made it (so the image makes it again with its own Node).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** The function's entry: exports serve() and warmUp(), starts nothing on import. */
export const FUNCTION_ENTRY = 'src/bundle-entry.ts';

/** File names of a served function, all in one directory. */
export const SERVED_FILES = {
  launcher: 'main.js',
  bundle: 'function.cjs',
  cacheMaker: 'make-code-cache.js',
  cache: 'function.cache',
} as const;

/**
 * Bundled CommonJS dependencies call `require` for Node built-ins; an ES module has none, so
 * an ESM bundle defines one. (A CommonJS bundle is given `require` by whoever runs it.)
 */
const REQUIRE_SHIM =
  "import{createRequire}from'node:module';const require=createRequire(import.meta.url);";

/** Target Node 20, the oldest `engines` allows; `--keep-names` keeps stack traces readable. */
export const ESBUILD_FLAGS: readonly string[] = [
  '--bundle',
  '--platform=node',
  '--target=node20',
  '--minify',
  '--keep-names',
  '--sourcemap',
  '--log-level=warning',
];

/**
 * `esm` runs as `node file.js` under package.json's `"type": "module"`; `cjs` is loaded by
 * the launcher, which can compile a classic script with a code cache (an ES module cannot be
 * given one in Node 20) and needs no top-level await.
 */
export type BundleFormat = 'esm' | 'cjs';

const FORMAT_FLAGS: Readonly<Record<BundleFormat, readonly string[]>> = {
  esm: ['--format=esm', `--banner:js=${REQUIRE_SHIM}`],
  cjs: ['--format=cjs'],
};

export type BundleOptions = {
  readonly format?: BundleFormat;
  /** Only for the benchmark's stock-SDK reference, which keeps its packages external. */
  readonly extraFlags?: readonly string[];
};

/** Bundles `entry` (relative to the repository root) into `outfile`; ESM unless told. */
export function bundle(entry: string, outfile: string, options: BundleOptions = {}): void {
  execFileSync(
    resolve(REPO_ROOT, 'node_modules/.bin/esbuild'),
    [
      entry,
      ...ESBUILD_FLAGS,
      ...FORMAT_FLAGS[options.format ?? 'esm'],
      ...(options.extraFlags ?? []),
      `--outfile=${resolve(REPO_ROOT, outfile)}`,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/**
 * Runs `make-code-cache.js` in `dir` with a clean Node: no NODE_OPTIONS and no tsx loader,
 * because V8 rejects a cache made under other V8 flags than the ones that read it. The warm-up
 * server's log line is kept out of the build's output; the cache's size is printed instead.
 */
export function makeCodeCache(dir: string): void {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const cacheMaker = resolve(REPO_ROOT, dir, SERVED_FILES.cacheMaker);
  let output: string;
  try {
    output = execFileSync(process.execPath, [cacheMaker], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    // Its log lines say why it could not serve.
    const { stdout } = error as { stdout?: string };
    process.stdout.write(stdout ?? '');
    throw error;
  }
  process.stdout.write(`${output.trimEnd().split('\n').at(-1) ?? ''}\n`);
}

/** Builds a served function from `entry` into `dir`: bundle, launcher, cache maker, cache. */
export function buildServed(entry: string, dir: string): void {
  bundle(entry, resolve(REPO_ROOT, dir, SERVED_FILES.bundle), { format: 'cjs' });
  bundle('src/main.ts', resolve(REPO_ROOT, dir, SERVED_FILES.launcher));
  bundle('src/launch/make-code-cache.ts', resolve(REPO_ROOT, dir, SERVED_FILES.cacheMaker));
  makeCodeCache(dir);
}

/**
 * Loads a CommonJS bundle the way Node loads a `.cjs` file (the same wrapper, a `require`
 * resolving from the bundle's path), but compiled through `vm.Script` so that V8 can be handed
 * the bundle's code cache. The launcher and the cache maker both load through here: the cache
 * describes exactly the script the launcher compiles. One difference from a `.cjs` file: a
 * dynamic `import()` would be refused. esbuild turns those of bundled modules into plain calls,
 * so the bundle has none (Node 20's loader for vm scripts that would allow one is experimental).
 */
import { readFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import type { CodeCacheState } from './bundle-api.js';
import { openCodeCache } from './code-cache.js';

export type LoadedBundle = {
  /** `module.exports` after the bundle ran. */
  readonly exports: unknown;
  /** The compiled script: `createCachedData()` on it makes the cache. */
  readonly script: Script;
  /** The bundle's source bytes, which the cache file is sealed with. */
  readonly source: Buffer;
  readonly codeCache: CodeCacheState;
};

type ModuleWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

/** The cache file's bytes; a missing or unreadable file is no cache, never an error. */
function readCacheFile(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Compiles and runs the bundle at `bundlePath`, with the code cache at `cachePath` when it is
 * there and valid for this source and this Node; otherwise V8 compiles from source as usual.
 */
export function loadBundle(bundlePath: string, cachePath?: string): LoadedBundle {
  const source = readFileSync(bundlePath);
  const cacheFile = cachePath === undefined ? undefined : readCacheFile(cachePath);
  const cachedData = cacheFile === undefined ? undefined : openCodeCache(source, cacheFile);
  const script = new Script(Module.wrap(source.toString('utf8')), {
    filename: bundlePath,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const codeCache: CodeCacheState =
    cacheFile === undefined
      ? 'absent'
      : cachedData === undefined || script.cachedDataRejected === true
        ? 'rejected'
        : 'accepted';

  const module = { exports: {} as unknown };
  const wrapper = script.runInThisContext() as ModuleWrapper;
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(bundlePath),
    module,
    bundlePath,
    dirname(bundlePath),
  );
  return { exports: module.exports, script, source, codeCache };
}

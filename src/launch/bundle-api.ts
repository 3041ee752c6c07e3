/**
 * What `dist/function.cjs` exports (src/bundle-entry.ts) and the launcher calls. The bundle
 * starts nothing when it is loaded: the launcher calls serve(); the cache maker calls serve()
 * too and sends it warmUpRequests().
 */

/**
 * How the bundle was compiled: with the code cache, without it because V8 or the digest
 * refused it (another Node, other V8 flags, another bundle, a damaged file), or without it
 * because there was none to read.
 */
export type CodeCacheState = 'accepted' | 'rejected' | 'absent';

/** What the launcher tells serve() about the load, for the start-up debug line. */
export type LaunchReport = { readonly codeCache: CodeCacheState };

export type FunctionBundle = {
  /** Parses `argv` (and `env`) as `main.js` does and serves until SIGTERM/SIGINT. */
  readonly serve: (
    argv?: readonly string[],
    env?: Readonly<Record<string, string | undefined>>,
    launch?: LaunchReport,
  ) => Promise<void>;
  /**
   * Encoded RunFunctionRequests that take the function through its common paths: what the
   * cache maker sends before it saves what V8 has compiled.
   */
  readonly warmUpRequests: () => Uint8Array[];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The bundle's exports, checked: a bundle built from another entry fails here, by name. */
export function asFunctionBundle(exports: unknown, bundlePath: string): FunctionBundle {
  if (
    isRecord(exports) &&
    typeof exports.serve === 'function' &&
    typeof exports.warmUpRequests === 'function'
  ) {
    return exports as FunctionBundle;
  }
  throw new Error(`${bundlePath} does not export serve() and warmUpRequests()`);
}

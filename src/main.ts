/**
 * Entry point: `node dist/main.js [flags]` serves the DittoServer function over gRPC.
 * See `docs/operations.md` for the flags, TLS, metrics and shutdown behaviour.
 *
 * This launcher uses node built-ins only. The function itself is `function.cjs` beside it
 * (src/bundle-entry.ts and every dependency), compiled with V8's code cache `function.cache`
 * when that was made by this Node for this bundle: the process then skips nearly all of its
 * compiling, about a third of its start-up. Without a usable cache it compiles as usual.
 */
import { join } from 'node:path';
import { asFunctionBundle } from './launch/bundle-api.js';
import { loadBundle } from './launch/load-bundle.js';
import { FUNCTION_BUNDLE, FUNCTION_CACHE } from './launch/paths.js';

const bundlePath = join(import.meta.dirname, FUNCTION_BUNDLE);
const loaded = loadBundle(bundlePath, join(import.meta.dirname, FUNCTION_CACHE));
await asFunctionBundle(loaded.exports, bundlePath).serve(process.argv.slice(2), process.env, {
  codeCache: loaded.codeCache,
});

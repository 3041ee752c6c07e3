/**
 * `node dist/make-code-cache.js`: writes `function.cache` beside itself. It loads
 * `function.cjs` through the launcher's own loader (ignoring any old cache), serves it exactly
 * as `main.js --insecure` would, on loopback, sends it the bundle's warmUpRequests() a few
 * times, and saves what V8 compiled meanwhile: start-up, request decoding, the function and
 * response encoding (V8 compiles a function only when it first runs). Run it with the Node
 * binary that will serve: V8 refuses a cache made by another version or under other flags.
 * Exits 1 if the warm-up calls fail, so a build cannot ship a bundle that does not serve.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asFunctionBundle } from './bundle-api.js';
import { sealCodeCache } from './code-cache.js';
import { loadBundle } from './load-bundle.js';
import { FUNCTION_BUNDLE, FUNCTION_CACHE } from './paths.js';
import { callRunFunction, freeLoopbackPort } from './warm-up-client.js';

/** Later rounds take the paths of XRs seen before (cached parse results); 3 covers both. */
const ROUNDS = 3;

const bundlePath = join(import.meta.dirname, FUNCTION_BUNDLE);
const cachePath = join(import.meta.dirname, FUNCTION_CACHE);
const loaded = loadBundle(bundlePath);
const fn = asFunctionBundle(loaded.exports, bundlePath);
const port = await freeLoopbackPort();
await fn.serve(
  ['--insecure', '--address', `127.0.0.1:${port}`, '--metrics-address', '127.0.0.1:0'],
  {},
  { codeCache: 'absent' },
);
await callRunFunction(port, fn.warmUpRequests(), ROUNDS);
const cache = sealCodeCache(loaded.source, loaded.script.createCachedData());
writeFileSync(cachePath, cache);
process.stdout.write(`${cachePath}: ${cache.length} bytes, made by Node ${process.version}\n`);
// The server is still listening; the cache is all this process was for.
process.exit(0);

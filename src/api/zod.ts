/**
 * zod, configured before any schema of the API is built: every schema module imports
 * `* as z` from here. zod reads `jitless` when it builds an object schema, so a `z.config` call made
 * after the schemas exist (as parse.ts once did) changes nothing.
 *
 * Why jitless: zod's JIT compiles each object schema with `new Function` on its first parse.
 * Measured on examples/xr-full.yaml (src/api/parse.ts, esbuild bundle, Node 20, CPU time
 * from process.cpuUsage, a 2-core machine under load; four runs each, 3,000 distinct XRs a
 * run, the way a fleet reconciles): first parse 10-20 ms jitless against 30-44 ms with the
 * JIT; then 311-357 µs per parse jitless against 422-521 µs with it. The JIT pays off on
 * neither start-up nor a fleet of distinct XRs (our schemas are mostly refinements, which
 * its fast path does not cover), so it stays off.
 */
import { config } from 'zod';

config({ jitless: true });

// Re-exported name by name, not as one namespace object: a module that imports `* as z` from
// here and reads `z.object`, `z.string`... lets the bundler drop the rest of zod (its
// locales, JSON Schema conversion), which a `z` object handed on whole would keep.
export * from 'zod';

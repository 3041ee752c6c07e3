/**
 * The function as a library, bundled into `dist/function.cjs`: loading it starts nothing.
 * `dist/main.js` (src/main.ts) calls serve(); `dist/make-code-cache.js` calls serve() too,
 * sends it warmUpRequests() and saves what V8 compiled. The contract: src/launch/bundle-api.ts.
 */
import { runFunction } from './function.js';
import type { FunctionBundle } from './launch/bundle-api.js';
import { startFunction } from './server/start.js';
import { ownsResourceKey, sdkHandler } from './wire/sdk-adapter.js';
import { warmUpRequests as functionWarmUpRequests } from './warm-up/warm-up.js';

/** What `node dist/main.js [flags]` does: serve the DittoServer function until a signal. */
export const serve: FunctionBundle['serve'] = (
  argv = process.argv.slice(2),
  env = process.env,
  launch,
) =>
  startFunction(
    { handler: sdkHandler((req) => runFunction(req)), owns: ownsResourceKey },
    argv,
    env,
    launch,
  );

export const warmUpRequests: FunctionBundle['warmUpRequests'] = functionWarmUpRequests;

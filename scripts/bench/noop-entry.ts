/**
 * The benchmark's baseline: a function that does nothing (what `to(req)` answers), served by exactly the
 * same start-up code, flags, mTLS, metrics and logging as the real one, and built the same
 * way (`buildServed` in bundle.ts: launcher, CommonJS bundle, code cache cut after warm-up
 * calls). What the real function costs beyond this is the function itself.
 */
import type { FunctionBundle } from '../../src/launch/bundle-api.js';
import { startFunction } from '../../src/server/start.js';
import type { FunctionRequest, FunctionResponse } from '../../src/wire/types.js';
import { PERCONA_WITH_BACKUP, encodeRequest, firstRequest } from '../../src/warm-up/requests.js';

/** What the SDK's `to(req)` answers: the tag, a 60 s TTL, desired state and context as they came. */
function noop(req: FunctionRequest): FunctionResponse {
  return {
    tag: req.tag,
    ttlSeconds: 60,
    desiredComposite: req.desiredComposite,
    passThrough: req.passThrough,
    composed: [],
    results: [],
    conditions: [],
    requirements: {},
    context: req.context,
  };
}

export const serve: FunctionBundle['serve'] = (
  argv = process.argv.slice(2),
  env = process.env,
  launch,
) => startFunction({ handler: noop, owns: () => false }, argv, env, launch);

/** One call, as the function's warm-up starts: there is nothing else a no-op could run. */
export const warmUpRequests: FunctionBundle['warmUpRequests'] = () => [
  encodeRequest(firstRequest(PERCONA_WITH_BACKUP)),
];

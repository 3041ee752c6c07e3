/**
 * The benchmark's baseline: a function that does nothing (`to(req)`), served by exactly the
 * same start-up code, flags, mTLS, metrics and logging as the real one, and built the same
 * way (`buildServed` in bundle.ts: launcher, CommonJS bundle, code cache cut after warm-up
 * calls). What the real function costs beyond this is the function itself.
 */
import { to } from '@crossplane-org/function-sdk-typescript';
import type { FunctionBundle } from '../../src/launch/bundle-api.js';
import { startFunction } from '../../src/server/start.js';
import { PERCONA_WITH_BACKUP, encodeRequest, firstRequest } from '../../src/warm-up/requests.js';

export const serve: FunctionBundle['serve'] = (
  argv = process.argv.slice(2),
  env = process.env,
  launch,
) => startFunction({ RunFunction: (req) => Promise.resolve(to(req)) }, argv, env, launch);

/** One call, as the function's warm-up starts: there is nothing else a no-op could run. */
export const warmUpRequests: FunctionBundle['warmUpRequests'] = () => [
  encodeRequest(firstRequest(PERCONA_WITH_BACKUP)),
];

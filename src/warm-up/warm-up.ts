/**
 * The requests the code cache is cut after (src/launch/make-code-cache.ts sends them to a
 * real server). V8 compiles a function the first time it runs and the cache holds only what
 * was compiled, so these take the function through its common paths: Percona with backups and
 * an external database each reconciled until everything is ready, and an invalid XR.
 */
import {
  RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { runSdk } from '../wire/sdk-handler.js';
import {
  EXTERNAL_POSTGRES,
  INVALID,
  PERCONA_WITH_BACKUP,
  encodeRequest,
  firstRequest,
  readyRequest,
  type Json,
} from './requests.js';

function desiredObjects(rsp: RunFunctionResponse): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, resource] of Object.entries(rsp.desired?.resources ?? {})) {
    if (resource.resource !== undefined) out[key] = resource.resource;
  }
  return out;
}

/**
 * Reconciles per XR: nothing observed yet; what the first call desired observed ready, with
 * the credentials Secret found; then the rest it asked for (the Deployment, the backup Secret).
 */
const RECONCILES = 3;

/** One XR's reconciles, each observing what the one before desired. */
function reconciles(xr: Json): Json[] {
  let request = firstRequest(xr);
  const requests = [request];
  while (requests.length < RECONCILES) {
    const desired = desiredObjects(runSdk(RunFunctionRequest.fromJSON(request)));
    request = readyRequest(xr, desired);
    requests.push(request);
  }
  return requests;
}

/** The warm-up requests as JSON. */
export function warmUpRequestsJson(): Json[] {
  return [
    ...reconciles(PERCONA_WITH_BACKUP),
    ...reconciles(EXTERNAL_POSTGRES),
    firstRequest(INVALID),
  ];
}

export function warmUpRequests(): Uint8Array[] {
  return warmUpRequestsJson().map(encodeRequest);
}

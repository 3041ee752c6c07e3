/**
 * A healthy server with Percona and backups, fully observed: the baseline the garbage
 * tests break one field at a time, and the request that observes it.
 */
import {
  Resource,
  RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { callFunction } from '../../support/call.js';
import { observeDesired, type World } from '../../fixtures/observed.js';
import { BACKUP_SPEC, xr, type JsonObject } from '../../fixtures/xr.js';
import { applied } from '../../support/expected.js';
import { readinessOf } from '../../support/lifecycle-story.js';
import { credentialsSecret, request, TEST_SECRET_KEY } from '../../support/request.js';
import { composed, type Observed } from './checks.js';

const SPEC = { percona: { enabled: true, backup: BACKUP_SPEC } };
const READY: World = {
  percona: { state: 'ready', backup: 'ready' },
  deployment: 'available',
  job: 'complete',
  volumes: 'Bound',
  addresses: true,
};

const run = (observed: Observed) =>
  callFunction(request({ xr: xr(SPEC), observed, credentials: [credentialsSecret()] }), {
    secretKey: TEST_SECRET_KEY,
  });

/**
 * Everything composed and ready: three reconciles (the Deployment waits for Percona, the
 * configure Job for the Deployment).
 */
function healthyObserved(): Observed {
  const first = composed(run({}));
  const second = composed(run(observeDesired(first, READY)));
  const third = composed(run(observeDesired(second, READY)));
  return observeDesired(third, READY);
}

/** What the healthy server is composed of, observed as it is. */
export const HEALTHY = healthyObserved();
export const HEALTHY_RESPONSE: RunFunctionResponse = run(HEALTHY);

/** The configure Job of the healthy server, observed complete. */
export const HEALTHY_JOB = 'demo-configure-0844943269';

/** Readiness of what the healthy server composes, in response order: all ready but `notReady`. */
export const healthyReadiness = (notReady: readonly string[] = []) =>
  readinessOf({ jobs: ['configure-0844943269'] }, notReady);
export const CONFIGURED = applied(HEALTHY_JOB);

/** `HEALTHY` with the object under `key` replaced by `change(object)`. */
export function breaking(key: keyof Observed, change: (object: JsonObject) => unknown): Observed {
  const object = HEALTHY[key];
  if (!object) throw new Error(`the healthy server has no ${key}`);
  return { ...HEALTHY, [key]: change(structuredClone(object)) as JsonObject };
}

export type CredentialsAnswer = {
  readonly required?: readonly unknown[];
  readonly extra?: readonly unknown[];
};

/**
 * The request for the healthy XR observing `observed`, with the credentials answered as
 * given (default: the plain-key Secret under required_resources). Items are set after
 * building so that an item without a resource, or a resource that is no object, stays so.
 */
export function healthyRequest(
  observed: Observed,
  answer: CredentialsAnswer = { required: [credentialsSecret()] },
): RunFunctionRequest {
  const req = request({ xr: xr(SPEC), observed });
  const items = (resources: readonly unknown[]) => ({
    items: resources.map((resource) =>
      resource === undefined ? Resource.fromPartial({}) : Resource.fromJSON({ resource }),
    ),
  });
  if (answer.required) req.requiredResources['backup-credentials'] = items(answer.required);
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the field the function also reads
  if (answer.extra) req.extraResources['backup-credentials'] = items(answer.extra);
  return req;
}

/**
 * A sequence of reconciles played through the function: each one observes what the one
 * before desired (in the world it names), and the XR carries the status the function wrote
 * last, as Crossplane applies it. The backups Crossplane fetches are given per step.
 */
import type { RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { observeDesired, type World } from '../fixtures/observed.js';
import { xr, type JsonObject, type Overrides } from '../fixtures/xr.js';
import { callFunction } from './call.js';
import { credentialsSecret, desiredObjects, request, TEST_SECRET_KEY } from './request.js';

export type Reconcile = {
  readonly spec: Overrides;
  /** How the cluster returns the previous response's objects; unset: nothing observed. */
  readonly world?: World;
  /** The PerconaPGBackups Crossplane returns for the `backups` requirement. */
  readonly backups?: readonly JsonObject[];
  /** Observed objects to leave out (deleted by hand, or lost). */
  readonly lost?: readonly string[];
};

export type Story = readonly (readonly [string, Reconcile])[];

/** Every step's response, by step name. */
export function play(story: Story): ReadonlyMap<string, RunFunctionResponse> {
  const responses = new Map<string, RunFunctionResponse>();
  let last: RunFunctionResponse | undefined;
  for (const [name, { spec, world, backups = [], lost = [] }] of story) {
    const observed =
      last && world
        ? Object.fromEntries(
            Object.entries(observeDesired(desiredObjects(last), world)).filter(
              ([key]) => !lost.includes(key),
            ),
          )
        : {};
    const status = last?.desired?.composite?.resource?.status as JsonObject | undefined;
    const composite = { ...xr(spec), ...(status ? { status } : {}) };
    last = callFunction(
      request({
        xr: composite,
        observed,
        credentials: [credentialsSecret()],
        required: { backups },
      }),
      { secretKey: TEST_SECRET_KEY },
    );
    responses.set(name, last);
  }
  return responses;
}

/** The response at a step; throws on a step the story does not have. */
export function at(responses: ReadonlyMap<string, RunFunctionResponse>, step: string) {
  const rsp = responses.get(step);
  if (!rsp) throw new Error(`no step ${step}`);
  return rsp;
}

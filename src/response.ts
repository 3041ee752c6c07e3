/**
 * Building the RunFunctionResponse by hand, never with the SDK's merge helpers (they
 * concatenate arrays) and never by mutating the request (`to(req)` aliases it). Desired
 * state from earlier steps passes through untouched, except under the keys we own.
 */
import {
  Ready,
  Resource,
  Severity,
  Target,
  type Condition,
  type RunFunctionRequest,
  type RunFunctionResponse,
  type Result,
  type ResourceSelector,
} from '@crossplane-org/function-sdk-typescript';
import type { DittoServerStatus } from './api/status.js';
import type { KubeObject } from './compose/types.js';
import { RESOURCE_KEYS, type ResourceKey } from './names.js';
import { isFields } from './observe/fields.js';

export type Outcome = {
  readonly ttlSeconds: number;
  readonly resources: ReadonlyMap<
    ResourceKey,
    { readonly object: KubeObject; readonly ready: boolean }
  >;
  readonly status: DittoServerStatus;
  readonly conditions: readonly Condition[];
  readonly results: readonly Result[];
  readonly requirements: Readonly<Record<string, ResourceSelector>>;
};

const OWNED = new Set<string>(RESOURCE_KEYS);

/** Every map filled: the SDK's encoder throws on a missing one (crossplane.md §0.1). */
function emptyRequirements(): NonNullable<RunFunctionResponse['requirements']> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the encoder needs the deprecated map too
  return { extraResources: {}, resources: {}, schemas: {} };
}

function passedThrough(req: RunFunctionRequest): Record<string, Resource> {
  const previous = req.desired?.resources ?? {};
  return Object.fromEntries(Object.entries(previous).filter(([key]) => !OWNED.has(key)));
}

function base(req: RunFunctionRequest, ttlSeconds: number): RunFunctionResponse {
  return {
    meta: { tag: req.meta?.tag ?? '', ttl: { seconds: ttlSeconds, nanos: 0 } },
    desired: { composite: req.desired?.composite, resources: passedThrough(req) },
    results: [],
    context: req.context,
    requirements: emptyRequirements(),
    conditions: [],
  };
}

/** A FATAL response: earlier steps' desired state is returned unchanged, nothing of ours. */
export function fatalResponse(
  req: RunFunctionRequest,
  message: string,
  ttlSeconds: number,
): RunFunctionResponse {
  const rsp = base(req, ttlSeconds);
  rsp.results.push({
    severity: Severity.SEVERITY_FATAL,
    message,
    reason: 'InvalidSpec',
    target: Target.TARGET_COMPOSITE_AND_CLAIM,
  });
  return rsp;
}

/** The desired XR: earlier steps' desired XR with our status fields set over its status. */
function desiredComposite(req: RunFunctionRequest, status: DittoServerStatus): Resource {
  const previous = req.desired?.composite;
  const body = previous?.resource ?? {};
  const observed = req.observed?.composite?.resource ?? {};
  const previousStatus: unknown = body.status;
  return Resource.fromJSON({
    resource: {
      ...body,
      apiVersion: observed.apiVersion as unknown,
      kind: observed.kind as unknown,
      status: { ...(isFields(previousStatus) ? previousStatus : {}), ...status },
    },
    ready: previous?.ready ?? Ready.READY_UNSPECIFIED,
  });
}

export function respond(req: RunFunctionRequest, outcome: Outcome): RunFunctionResponse {
  const rsp = base(req, outcome.ttlSeconds);
  rsp.desired = {
    composite: desiredComposite(req, outcome.status),
    resources: rsp.desired?.resources ?? {},
  };
  for (const [key, { object, ready }] of outcome.resources) {
    rsp.desired.resources[key] = Resource.fromJSON({
      resource: object,
      ready: ready ? Ready.READY_TRUE : Ready.READY_FALSE,
    });
  }
  rsp.requirements = { ...emptyRequirements(), resources: { ...outcome.requirements } };
  rsp.conditions = [...outcome.conditions];
  rsp.results = [...outcome.results];
  return rsp;
}

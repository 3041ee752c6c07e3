/**
 * The RunFunctionResponse, built from what the pipeline decided. Earlier steps' desired
 * resources pass through as the bytes they came in; under our keys only our objects appear.
 * The desired XR is the earlier steps' one with our status fields set over its status.
 */
import type { DittoServerStatus } from './api/status.js';
import { isFields } from './observe/fields.js';
import {
  Ready,
  Severity,
  Target,
  type ComposedResource,
  type Condition,
  type DesiredComposite,
  type FunctionRequest,
  type FunctionResponse,
  type ResourceSelector,
  type Result,
} from './wire/types.js';

export type Outcome = {
  readonly ttlSeconds: number;
  readonly composed: readonly ComposedResource[];
  readonly status: DittoServerStatus;
  readonly conditions: readonly Condition[];
  readonly results: readonly Result[];
  readonly requirements: Readonly<Record<string, ResourceSelector>>;
};

/** Exactly what came in from earlier steps; nothing of ours. */
function unchanged(req: FunctionRequest, ttlSeconds: number): FunctionResponse {
  return {
    tag: req.tag,
    ttlSeconds,
    desiredComposite: req.desiredComposite,
    passThrough: req.passThrough,
    composed: [],
    results: [],
    conditions: [],
    requirements: {},
    context: req.context,
  };
}

/** A FATAL response: earlier steps' desired state is returned unchanged, nothing of ours. */
export function fatalResponse(
  req: FunctionRequest,
  message: string,
  ttlSeconds: number,
): FunctionResponse {
  return {
    ...unchanged(req, ttlSeconds),
    results: [
      {
        severity: Severity.FATAL,
        message,
        reason: 'InvalidSpec',
        target: Target.COMPOSITE_AND_CLAIM,
      },
    ],
  };
}

/** The earlier steps' desired XR (or none) with our status over its status. */
function desiredComposite(req: FunctionRequest, status: DittoServerStatus): DesiredComposite {
  const previous = req.desiredComposite;
  const body = previous?.resource ?? {};
  const { apiVersion, kind } = req.observedComposite ?? {};
  return {
    resource: {
      ...body,
      ...(typeof apiVersion === 'string' && { apiVersion }),
      ...(typeof kind === 'string' && { kind }),
      status: { ...(isFields(body.status) ? body.status : {}), ...status },
    },
    connectionDetails: previous?.connectionDetails ?? {},
    ready: previous?.ready ?? Ready.UNSPECIFIED,
  };
}

export function respond(req: FunctionRequest, outcome: Outcome): FunctionResponse {
  return {
    ...unchanged(req, outcome.ttlSeconds),
    desiredComposite: desiredComposite(req, outcome.status),
    composed: outcome.composed,
    results: outcome.results,
    conditions: outcome.conditions,
    requirements: outcome.requirements,
  };
}

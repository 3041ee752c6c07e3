/**
 * The RunFunctionResponse, built from what the pipeline decided. Earlier steps' desired
 * resources pass through as the bytes they came in; under our keys only our objects appear.
 * The desired XR is the earlier steps' one with our status fields set over its status.
 */
import type { DittoServerStatus } from './api/status.js';
import { isFields } from './observe/fields.js';
import {
  Ready,
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
  /** The XR's connection details (a legacy XR's claim writes them to its Secret). */
  readonly connectionDetails: Readonly<Record<string, Uint8Array>>;
  readonly conditions: readonly Condition[];
  readonly results: readonly Result[];
  readonly requirements: Readonly<Record<string, ResourceSelector>>;
};

/** The earlier steps' desired XR (or none) with our status and connection details over theirs. */
function desiredComposite(req: FunctionRequest, outcome: Outcome): DesiredComposite {
  const previous = req.desiredComposite;
  const body = previous?.resource ?? {};
  const { apiVersion, kind } = req.observedComposite ?? {};
  return {
    resource: {
      ...body,
      ...(typeof apiVersion === 'string' && { apiVersion }),
      ...(typeof kind === 'string' && { kind }),
      status: { ...(isFields(body.status) ? body.status : {}), ...outcome.status },
    },
    connectionDetails: { ...previous?.connectionDetails, ...outcome.connectionDetails },
    ready: previous?.ready ?? Ready.UNSPECIFIED,
  };
}

export function respond(req: FunctionRequest, outcome: Outcome): FunctionResponse {
  return {
    tag: req.tag,
    ttlSeconds: outcome.ttlSeconds,
    desiredComposite: desiredComposite(req, outcome),
    passThrough: req.passThrough,
    context: req.context,
    composed: outcome.composed,
    results: outcome.results,
    conditions: outcome.conditions,
    requirements: outcome.requirements,
  };
}

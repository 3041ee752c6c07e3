/**
 * TEMPORARY, removed when the pipeline speaks FunctionRequest: serves the current SDK-typed
 * `runFunction` behind the wire codec. The request becomes the SDK's message shape (with no
 * desired resources and no context: those are bytes the function never reads) and the SDK
 * response becomes a FunctionResponse, earlier steps' resources and the context taken back
 * from the request.
 */
import {
  Ready as SdkReady,
  type Condition as SdkCondition,
  type Resource as SdkResource,
  type ResourceSelector as SdkSelector,
  type Result as SdkResult,
  type RunFunctionRequest,
  type RunFunctionResponse,
} from '@crossplane-org/function-sdk-typescript';
import { RESOURCE_KEYS } from '../names.js';
import type {
  Condition,
  ConditionStatus,
  FunctionRequest,
  FunctionResponse,
  JsonObject,
  Ready,
  ResourceSelector,
  Result,
  Severity,
  Target,
} from './types.js';

const OWNED = new Set<string>(RESOURCE_KEYS);

/** The composition-resource keys the function composes: `RESOURCE_KEYS`. */
export function ownsResourceKey(key: string): boolean {
  return OWNED.has(key);
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U) {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

const SDK_READY = [SdkReady.READY_UNSPECIFIED, SdkReady.READY_TRUE, SdkReady.READY_FALSE] as const;

function sdkResource(resource: JsonObject | undefined): SdkResource {
  return { resource, connectionDetails: {}, ready: SdkReady.READY_UNSPECIFIED };
}

export function toSdkRequest(req: FunctionRequest): RunFunctionRequest {
  const composite = req.desiredComposite;
  const items = (resources: readonly JsonObject[]) => ({ items: resources.map(sdkResource) });
  return {
    meta: { tag: req.tag, capabilities: [] },
    observed: {
      composite:
        req.observedComposite === undefined ? undefined : sdkResource(req.observedComposite),
      resources: mapValues(req.observedResources, sdkResource),
    },
    desired: {
      composite:
        composite === undefined
          ? undefined
          : {
              resource: composite.resource,
              connectionDetails: mapValues(composite.connectionDetails, asBuffer),
              ready: SDK_READY[composite.ready],
            },
      resources: {},
    },
    input: req.input,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the function still reads it
    extraResources: mapValues(req.extraResources, items),
    credentials: {},
    requiredResources: mapValues(req.requiredResources, items),
    requiredSchemas: {},
  };
}

function result(sdk: SdkResult): Result {
  return {
    severity: sdk.severity as number as Severity,
    message: sdk.message,
    ...(sdk.reason === undefined ? {} : { reason: sdk.reason }),
    ...(sdk.target === undefined ? {} : { target: sdk.target as number as Target }),
  };
}

function condition(sdk: SdkCondition): Condition {
  return {
    type: sdk.type,
    status: sdk.status as number as ConditionStatus,
    reason: sdk.reason,
    ...(sdk.message === undefined ? {} : { message: sdk.message }),
    ...(sdk.target === undefined ? {} : { target: sdk.target as number as Target }),
  };
}

function selector(sdk: SdkSelector): ResourceSelector {
  return {
    apiVersion: sdk.apiVersion,
    kind: sdk.kind,
    ...(sdk.matchName === undefined ? {} : { matchName: sdk.matchName }),
    ...(sdk.matchLabels === undefined ? {} : { matchLabels: sdk.matchLabels.labels }),
    ...(sdk.namespace === undefined ? {} : { namespace: sdk.namespace }),
  };
}

/** The function's SDK response for `req`, as a FunctionResponse. */
export function fromSdkResponse(req: FunctionRequest, rsp: RunFunctionResponse): FunctionResponse {
  const composite = rsp.desired?.composite;
  return {
    tag: rsp.meta?.tag ?? req.tag,
    ttlSeconds: rsp.meta?.ttl?.seconds ?? 0,
    desiredComposite:
      composite === undefined
        ? undefined
        : {
            resource: composite.resource,
            connectionDetails: composite.connectionDetails,
            ready: composite.ready as number as Ready,
          },
    passThrough: req.passThrough,
    composed: Object.entries(rsp.desired?.resources ?? {}).map(([key, resource]) => ({
      key,
      resource: resource.resource ?? {},
      ready: resource.ready as number as Ready,
    })),
    results: rsp.results.map(result),
    conditions: rsp.conditions.map(condition),
    requirements: mapValues(rsp.requirements?.resources ?? {}, selector),
    context: req.context,
  };
}

/** An SDK-typed function as a FunctionRequest handler. */
export function sdkHandler(
  run: (req: RunFunctionRequest) => RunFunctionResponse,
): (req: FunctionRequest) => FunctionResponse {
  return (req) => fromSdkResponse(req, run(toSdkRequest(req)));
}
